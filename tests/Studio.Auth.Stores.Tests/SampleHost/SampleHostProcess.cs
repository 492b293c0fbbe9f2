using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Studio.Auth.Stores.Tests.Support;

namespace Studio.Auth.Stores.Tests.SampleHost;

/// <summary>
/// The sample host as a real process: <c>dotnet Studio.Auth.Sample.dll --urls http://127.0.0.1:PORT ...</c>,
/// from the sample's own build output (the test project builds it). Its output is kept for failure
/// messages; it is killed on dispose, and every process still running when the test host exits is killed too.
/// </summary>
internal sealed partial class SampleHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<Process, byte> Running = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    static SampleHostProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Keys)
        {
            Kill(process);
        }
    };

    private SampleHostProcess(Process process, Uri baseAddress, string name)
    {
        _process = process;
        BaseAddress = baseAddress;
        Name = name;
    }

    /// <summary>Where it listens (<c>http://127.0.0.1:PORT</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A name for messages (A, B, ...).</summary>
    public string Name { get; }

    /// <summary>The exit code once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines it wrote to stdout and stderr.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the sample on <paramref name="port"/> with <paramref name="args"/> and returns once it answers
    /// <c>/api/auth/type</c>. The child gets this process's environment without any Studio.Auth or store
    /// setting, plus <paramref name="environment"/>.
    /// </summary>
    public static async Task<SampleHostProcess> StartAsync(string name, int port, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = BuiltPrograms.DllPath("Studio.Auth.Sample");
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(BuiltPrograms.DotNet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in (string[])[dll, "--urls", baseAddress.AbsoluteUri.TrimEnd('/'), "--Logging:LogLevel:Microsoft.AspNetCore=Warning", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in start.Environment.Keys.Where(IsStudioAuthSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new SampleHostProcess(process, baseAddress, name);
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.Start();
        Running.TryAdd(process, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilListeningAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Stops it as a service manager would (SIGTERM: the host shuts down gracefully) and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else
            {
                _ = SendSignal(_process.Id, 15);
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        Running.TryRemove(_process, out _);
    }

    /// <summary>Kills it (if still running) and waits for it to be gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill(_process);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _process.WaitForExitAsync(timeout.Token);
        }

        Running.TryRemove(_process, out _);
        _process.Dispose();
    }

    private static bool IsStudioAuthSetting(string key) =>
        key.StartsWith("STUDIO_AUTH", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("AUTOGENSTUDIO_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Stores__", StringComparison.OrdinalIgnoreCase)
        || key.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{Name}] {line}");
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Sample {Name} exited with code {_process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/api/auth/type");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (watch.Elapsed > StartLimit)
            {
                throw new TimeoutException($"Sample {Name} did not answer within {StartLimit.TotalSeconds} s:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }
}
