using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using Solara.Routing;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Comms;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;
using Solara.Widgets;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>One virtual kernel: its pages and sockets, its comms and widgets, its app. Every
/// method below runs on the kernel's own turn (through <see cref="Mailbox"/>).</summary>
public sealed class KernelGrain
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(40);

    private readonly KernelServices _services;
    private readonly Dictionary<string, KernelPage> _pages = new(StringComparer.Ordinal);
    private readonly KernelRequestDispatcher _requests;
    private IReadOnlyList<IKernelSocket> _sockets = [];
    private ITimer? _cullTimer;
    private DateTimeOffset _lastConnectedAt;
    private Widget? _container;
    private RenderRoot? _root;
    private string _clientVersion = "";
    private readonly KernelStateStore? _state;

    public KernelGrain(string kernelId, string sessionId, KernelServices services)
    {
        KernelId = kernelId;
        SessionId = sessionId;
        _services = services;
        Messenger = new KernelMessenger(() => _sockets, services.Metrics);
        Comms = new CommRegistry();
        Widgets = new WidgetComms(Messenger, Comms);
        // The context exists before the mailbox starts its loop, which makes the context current.
        Context = new KernelContext(kernelId, sessionId, new KernelDispatcher(() => Mailbox!, () => EndTurn(null)), services.Server.IsProduction);
        Mailbox = new GrainMailbox(new ActivationScheduler(services.TurnThreads), OnTurnFailed, Context.Enter);
        Context.ReloadRequested += () => _root?.MarkAllDirty();
        Context.Navigator = SendNavigate;
        _requests = new KernelRequestDispatcher(this);
        if (services.State is { } persistence)
        {
            _state = new KernelStateStore(this, persistence);
            Context.Persistence = _state;
        }
        CreatedAt = LastActivity = services.Time.GetUtcNow();
        services.Metrics.KernelStarted(this);
    }

    public string KernelId { get; }
    public string SessionId { get; }
    public GrainMailbox Mailbox { get; }
    public KernelMessenger Messenger { get; }
    public CommRegistry Comms { get; }
    public WidgetComms Widgets { get; }
    public KernelServices Services => _services;

    /// <summary>The SDK's handle on this kernel: reactive values, the turn dispatcher.</summary>
    public KernelContext Context { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset LastActivity { get; private set; }
    public bool IsClosed { get; private set; }
    public bool Started => _container is not null;

    public int ConnectedPages { get; private set; }
    public int DisconnectedPages { get; private set; }
    public int ClosedPages { get; private set; }
    public int SocketCount => _sockets.Count;
    public IReadOnlyCollection<KernelPage> Pages => _pages.Values;

    /// <summary>This kernel's persisted state; null when the server has no state backend.</summary>
    public KernelStateStore? State => _state;

    /// <summary>Completes when the close's backend work (final flush or delete) is done; a new
    /// activation of the same kernel id waits for it before its takeover.</summary>
    public Task StateSettled { get; private set; } = Task.CompletedTask;

    /// <summary>The activation's first turn: take the kernel's persisted state over (nothing without a backend).</summary>
    public Task TakeoverStateAsync() => _state?.TakeoverAsync() ?? Task.CompletedTask;

    /// <summary>Raised once, on the kernel's turn, with the close reason.</summary>
    public event Action<KernelGrain, string>? Closed;

    public KernelAttachResult Attach(IKernelSocket socket, KernelAttachRequest request, Func<KernelGrain, IKernelSocket, IKernelLink> linkFactory)
    {
        string sessionId = request.SessionId;
        if (IsClosed)
            return KernelAttachResult.Refused(CloseCodes.TryAgainLater, $"kernel {KernelId} is closing; reconnect to start a new one");
        if (!string.Equals(sessionId, SessionId, StringComparison.Ordinal))
            return KernelAttachResult.Refused(CloseCodes.PolicyViolation, $"kernel {KernelId} belongs to another session; kernels are never shared across sessions");
        if (!_pages.TryGetValue(socket.PageId, out KernelPage? page))
            _pages[socket.PageId] = page = new KernelPage(socket.PageId);
        page.State = PageState.Connected;
        page.Sockets.Add(socket);
        _state?.SocketAttached();
        PagesChanged();
        _cullTimer?.Dispose();
        _cullTimer = null;
        LastActivity = _services.Time.GetUtcNow();
        _clientVersion = request.ClientVersion;
        return KernelAttachResult.Accepted(linkFactory(this, socket));
    }

    public void Detach(IKernelSocket socket)
    {
        if (!_pages.TryGetValue(socket.PageId, out KernelPage? page) || !page.Sockets.Remove(socket))
            return;
        if (page.Sockets.Count == 0 && page.State == PageState.Connected)
            page.State = PageState.Disconnected;
        PagesChanged();
        if (!IsClosed && ConnectedPages == 0)
        {
            _lastConnectedAt = _services.Time.GetUtcNow();
            ArmCullTimer(DisconnectedCullTimeout);
        }
    }

    /// <summary>The close beacon: the page is gone for good.</summary>
    public void ClosePage(string pageId)
    {
        if (_pages.TryGetValue(pageId, out KernelPage? page))
            page.State = PageState.Closed;
        PagesChanged();
        if (ConnectedPages == 0 && DisconnectedPages == 0)
            Close(KernelCloseReason.PageClose);
    }

    /// <summary>One request from the page <paramref name="pageId"/>.</summary>
    public Task HandleAsync(JupyterMessage message, string pageId)
    {
        if (IsClosed)
            return Task.CompletedTask;
        LastActivity = _services.Time.GetUtcNow();
        long started = Stopwatch.GetTimestamp();
        _services.Metrics.MessageIn(message.MsgType);
        _requests.Handle(message, pageId);
        _services.Metrics.TurnCompleted(started);
        return Task.CompletedTask;
    }

    /// <summary>Renders the app for <paramref name="path"/> into a fresh container, replacing what a
    /// previous <c>run</c> rendered.</summary>
    public JsonObject Run(string path, string? appName, JsonObject parent)
    {
        SolaraApp? app = _services.Apps.Resolve(appName, path);
        if (app is null)
            return new JsonObject { ["method"] = "error", ["error"] = $"no app named '{appName ?? path}' on this server" };
        _root?.Dispose();
        Widgets.CloseAll(parent);
        Router.Location.Value = path;
        _root = new RenderRoot(Context, ErrorElement);
        Element content;
        try
        {
            content = app.Render(new RenderContext(KernelId, SessionId, path));
        }
        catch (Exception e)
        {
            content = ErrorElement(e, app.Name);
        }
        _container = _root.Mount(new WidgetElement(typeof(VBox), () => new VBox(), new Dictionary<string, object?> { ["children"] = new[] { content } }));
        Widgets.Open(_container, parent);
        return new JsonObject { ["method"] = "finished", ["widget_id"] = _container.ModelId };
    }

    /// <summary>The page moved to <paramref name="path"/> (a link, back or forward): routes re-render.</summary>
    public void Locate(string path) => Router.Location.Value = path;

    private void SendNavigate(string path)
    {
        foreach (ICommTarget comm in Comms.All.Where(c => c is SolaraControlComm))
            Messenger.CommMessage(comm.CommId, new JsonObject { ["method"] = "navigate", ["path"] = path }, null);
    }

    /// <summary>The end of every turn: re-render what changed, then send the widget changes.</summary>
    public void EndTurn(JsonObject? parent)
    {
        try
        {
            Context.RunEndOfTurn();
            _root?.Flush();
        }
        finally
        {
            Widgets.Flush(parent);
        }
    }

    public JsonObject AppStatus() => new()
    {
        ["method"] = "app-status",
        ["started"] = Started,
        ["containerId"] = _container?.ModelId,
        // The client remounts iff canRecover (REMOUNT), else gives up with the refresh dialog.
        ["canRecover"] = _state?.CanRecover ?? _services.AutoRemount,
        ["autoRemount"] = _services.AutoRemount,
        ["clientVersion"] = _clientVersion,
        ["lastRestore"] = (_state?.LastRestore ?? LastRestore.None).ToJson(),
    };

    /// <summary>What the page shows instead of a component that threw while rendering: the
    /// message, and the stack trace only in development. The kernel keeps working.</summary>
    private Element ErrorElement(Exception e, string component)
    {
        _services.Logger.LogError(e, "component {Component} failed to render in kernel {KernelId}", component, KernelId);
        string detail = _services.Server.IsProduction ? "" : $"<pre style=\"white-space:pre-wrap;font-size:12px\">{WebUtility.HtmlEncode(e.ToString())}</pre>";
        string html = $"<div class=\"solara-error\" role=\"alert\" style=\"border-left:4px solid #d32f2f;background:#fdecea;padding:8px 12px\"><strong>{WebUtility.HtmlEncode(component)}</strong> failed: {WebUtility.HtmlEncode(e.GetType().Name)}: {WebUtility.HtmlEncode(e.Message)}{detail}</div>";
        return new WidgetElement(typeof(Html), () => new Html(), new Dictionary<string, object?> { ["value"] = html });
    }

    public void Close(string reason)
    {
        if (IsClosed)
            return;
        IsClosed = true;
        _cullTimer?.Dispose();
        _cullTimer = null;
        foreach (IKernelSocket socket in _sockets)
            socket.Close(CloseCodes.Normal, $"kernel closed ({reason})");
        _pages.Clear();
        PagesChanged();
        StateSettled = _state?.CloseAsync(reason) ?? Task.CompletedTask;
        _root?.Dispose();
        Context.Dispose();
        Mailbox.Close();
        _services.Logger.LogInformation("kernel closed id={KernelId} reason={Reason}", KernelId, reason);
        _services.Metrics.KernelClosed(this, reason);
        Closed?.Invoke(this, reason);
    }

    /// <summary>How long this kernel lives without a connected page: <c>SOLARA_STATE_ORPHAN_CULL_TIMEOUT</c>
    /// with a shared backend (its state is safe there), otherwise <c>SOLARA_KERNEL_CULL_TIMEOUT</c>.</summary>
    private TimeSpan DisconnectedCullTimeout => _services.State?.Options.DisconnectedCullTimeout(_services.Options) ?? _services.Options.CullTimeout;

    private void ArmCullTimer(TimeSpan delay)
    {
        _cullTimer?.Dispose();
        _cullTimer = _services.Time.CreateTimer(_ => Mailbox.Post(CullIfIdle), null, delay < MaxTimerDelay ? delay : MaxTimerDelay, Timeout.InfiniteTimeSpan);
    }

    private void CullIfIdle()
    {
        if (IsClosed || ConnectedPages > 0)
            return;
        TimeSpan remaining = DisconnectedCullTimeout - (_services.Time.GetUtcNow() - _lastConnectedAt);
        if (remaining > TimeSpan.Zero)
            ArmCullTimer(remaining);
        else
            Close(KernelCloseReason.Cull);
    }

    private void PagesChanged()
    {
        _sockets = _pages.Values.SelectMany(p => p.Sockets).ToArray();
        ConnectedPages = _pages.Values.Count(p => p.State == PageState.Connected);
        DisconnectedPages = _pages.Values.Count(p => p.State == PageState.Disconnected);
        ClosedPages = _pages.Values.Count(p => p.State == PageState.Closed);
    }

    private void OnTurnFailed(Exception e)
    {
        _services.Metrics.TurnFailed();
        _services.Logger.LogError(e, "unhandled exception in a turn of kernel {KernelId}; the kernel lives on", KernelId);
    }
}
