using Microsoft.Extensions.Logging;

namespace Studio.Auth.Stores.Tests.Support;

/// <summary>Writes warnings and errors to the test's output, so a failing test shows what the stores said.</summary>
internal sealed class TestContextLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                TestContext.Progress.WriteLine($"[{logLevel} {category}] {formatter(state, exception)}");
            }
            catch (InvalidOperationException)
            {
                // Outside a test (a background loop after teardown): nowhere to write.
            }
        }
    }
}
