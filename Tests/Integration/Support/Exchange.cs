namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>Everything the kernel sent in answer to one request (parented to it), in arrival order,
/// ending with its <c>idle</c> status.</summary>
public sealed record Exchange(string MsgId, IReadOnlyList<ReceivedMessage> Messages)
{
    /// <summary>The shell or control reply (a <c>*_reply</c> message).</summary>
    public ReceivedMessage Reply =>
        Messages.SingleOrDefault(m => m.MsgType.EndsWith("_reply", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no reply to {MsgId}; got {Describe()}");

    public IEnumerable<ReceivedMessage> OfType(string msgType) => Messages.Where(m => m.MsgType == msgType);

    public IReadOnlyList<ReceivedMessage> CommOpens => OfType("comm_open").ToArray();

    public IReadOnlyList<ReceivedMessage> Errors => OfType("error").ToArray();

    /// <summary>The <c>comm_msg</c>s sent on one comm.</summary>
    public IReadOnlyList<ReceivedMessage> CommMessages(string commId) => OfType("comm_msg").Where(m => m.CommId == commId).ToArray();

    public int IndexOf(ReceivedMessage message) => Messages.ToList().IndexOf(message);

    /// <summary>Asserts the exchange starts with <c>busy</c> and ends with <c>idle</c> (both on iopub),
    /// with exactly one of each.</summary>
    public void AssertBracketedByBusyAndIdle()
    {
        Assert.True(Messages.Count >= 2, $"expected at least busy and idle, got {Describe()}");
        Assert.True(Messages[0].IsStatus("busy"), $"first message should be status busy, got {Describe()}");
        Assert.True(Messages[^1].IsStatus("idle"), $"last message should be status idle, got {Describe()}");
        Assert.Equal("iopub", Messages[0].Channel);
        Assert.Equal("iopub", Messages[^1].Channel);
        Assert.Single(Messages, m => m.IsStatus("busy"));
        Assert.Single(Messages, m => m.IsStatus("idle"));
    }

    public string Describe() => string.Join(", ", Messages.Select(m => m.ToString()));
}
