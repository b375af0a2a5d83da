using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>An in-memory logger provider: every formatted line, with its category and level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Lines => _lines;

    public IEnumerable<string> Matching(string fragment) =>
        _lines.Select(l => l.Message).Where(m => m.Contains(fragment, StringComparison.Ordinal));

    internal void Attach(CapturedLogs provider) => _lines = provider._lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
