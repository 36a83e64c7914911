using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Gantry.Cli.Pipeline;

/// <summary>
/// <c>--pp N</c> / <c>--tp M</c>: N × M <c>gantry worker</c> child processes on free loopback ports, stage i running
/// the i-th of N size-balanced layer ranges of the model, split into M tensor shards. Shards of a stage compute side
/// by side, so each gets threads ÷ M threads. Disposing kills them (the whole tree), so a leader never leaves workers
/// behind.
/// </summary>
internal sealed class LocalPipeline : IDisposable
{
    private readonly List<Process> _workers = [];

    private LocalPipeline() { }

    public IReadOnlyList<Uri> Urls { get; private set; } = [];

    /// <summary>The workers' process ids (benchmarks read their resident memory).</summary>
    public IReadOnlyList<int> ProcessIds => _workers.Select(p => p.Id).ToArray();

    public static LocalPipeline Start(string modelPath, int stages, int threads, int tensorShards = 1)
    {
        var pipeline = new LocalPipeline();
        try
        {
            var urls = new List<Uri>();
            var shardThreads = Math.Max(1, threads / tensorShards);
            for (var i = 0; i < stages; i++)
            {
                for (var r = 0; r < tensorShards; r++)
                {
                    var port = FreeLoopbackPort();
                    List<string> args = ["worker", "--model", modelPath, "--stage", $"{i}/{stages}", "--host", "127.0.0.1", "--port", port.ToString(), "--threads", shardThreads.ToString()];
                    if (tensorShards > 1) args.AddRange(["--tp-rank", $"{r}/{tensorShards}"]);
                    pipeline._workers.Add(Spawn([.. args]));
                    urls.Add(new Uri($"http://127.0.0.1:{port}"));
                }
            }
            pipeline.Urls = urls;
            return pipeline;
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    /// <summary>Why the workers cannot all come up (one exited; its own error went to stderr), or null.</summary>
    public string? Exited()
    {
        foreach (var p in _workers)
            if (p.HasExited) return $"local worker process {p.Id} exited with code {p.ExitCode} (its error is above)";
        return null;
    }

    public void Dispose()
    {
        foreach (var p in _workers)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
        _workers.Clear();
    }

    /// <summary>Runs this same gantry (apphost, or <c>dotnet gantry.dll</c>) with <paramref name="args"/>; its stderr passes through.</summary>
    private static Process Spawn(string[] args)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable to start workers with");
        var info = new ProcessStartInfo(exe) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start a worker process");
    }

    /// <summary>A port the OS just handed out; released at once, so a worker can bind it (a race only with other binders).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
