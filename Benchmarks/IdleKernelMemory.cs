using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks;

/// <summary>Managed memory of one idle counter kernel: N kernels are attached through the real
/// gateway interface (with sockets that drop what they are sent), the counter is run in each,
/// the sockets detach (the kernels stay alive, DISCONNECTED), and the GC heap growth after a full
/// collection is divided by N. Client-side memory is not in the figure.</summary>
public static class IdleKernelMemory
{
    public static async Task<string> MeasureAsync(WebApplication app, int kernels)
    {
        IKernelGateway gateway = app.Services.GetRequiredService<IKernelGateway>();
        await MountCounterAsync(gateway);
        long before = SettledHeap();
        for (int i = 0; i < kernels; i++)
            await MountCounterAsync(gateway);
        long after = SettledHeap();
        double perKernel = (after - before) / (double)kernels;
        return $"idle-kernel-memory kernels={kernels} heap_before={before} heap_after={after} per_kernel_bytes={perKernel:F0} per_kernel_kib={perKernel / 1024:F1}";
    }

    private static long SettledHeap()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task MountCounterAsync(IKernelGateway gateway)
    {
        var socket = new IdleSignalSocket();
        var request = new KernelAttachRequest(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "bench");
        KernelAttachResult result = await gateway.AttachAsync(request, socket, CancellationToken.None);
        IKernelLink link = result.Link ?? throw new InvalidOperationException($"kernel refused: {result.RefusalReason}");
        string control = Guid.NewGuid().ToString("N");
        await socket.SendAndWaitIdle(link, "comm_open", new JsonObject { ["comm_id"] = control, ["target_name"] = "solara.control", ["data"] = new JsonObject() });
        await socket.SendAndWaitIdle(link, "comm_msg", new JsonObject
        {
            ["comm_id"] = control,
            ["data"] = new JsonObject { ["method"] = "run", ["args"] = new JsonObject { ["path"] = "/counter", ["appName"] = "counter" } },
        });
        link.Detach();
    }

    /// <summary>Drops every frame, but completes a wait when the idle status of the awaited request arrives.</summary>
    private sealed class IdleSignalSocket : IKernelSocket
    {
        private TaskCompletionSource? _idle;
        private string _awaited = "";

        public string PageId { get; } = Guid.NewGuid().ToString();

        public Task SendAndWaitIdle(IKernelLink link, string msgType, JsonObject content)
        {
            string msgId = Guid.NewGuid().ToString("N");
            _awaited = msgId;
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var message = new JupyterMessage
            {
                Header = new JsonObject { ["msg_id"] = msgId, ["msg_type"] = msgType, ["session"] = "bench", ["username"] = "bench", ["date"] = DateTime.UtcNow.ToString("O"), ["version"] = "5.3" },
                Content = content,
                Channel = "shell",
            };
            link.Receive(new KernelFrame(FrameCodec.Encode(message, out bool binary), binary));
            return _idle.Task;
        }

        public void Send(KernelFrame frame)
        {
            if (frame.Binary)
                return;
            string text = Encoding.UTF8.GetString(frame.Data);
            if (text.Contains("\"execution_state\":\"idle\"", StringComparison.Ordinal) && text.Contains(_awaited, StringComparison.Ordinal))
                _idle?.TrySetResult();
        }

        public void Close(int closeCode, string reason) => _idle?.TrySetException(new InvalidOperationException($"closed {closeCode}: {reason}"));
    }
}
