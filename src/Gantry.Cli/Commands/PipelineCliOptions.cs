using System.CommandLine;
using Gantry.Cli.Pipeline;

namespace Gantry.Cli.Commands;

/// <summary>
/// The pipeline-parallel flags of <c>serve</c> and <c>generate</c>: <c>--pipeline-workers URL,URL…</c> (running
/// <c>gantry worker</c>s, first layers first), or <c>--pp N</c> (spawn N local workers), and <c>--pipeline-timeout</c>.
/// </summary>
internal sealed class PipelineCliOptions
{
    private readonly Option<string?> _workers = new("--pipeline-workers") { Description = "Comma-separated gantry worker URLs (http://host:port), first layers first; the model's blocks run there" };
    private readonly Option<int> _pp = new("--pp") { Description = "Pipeline-parallel stages: spawn N local gantry worker processes on loopback (0: none)", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _timeout = new("--pipeline-timeout") { Description = "Seconds a pipeline stage may take for one step before requests fail with 503", DefaultValueFactory = _ => 60 };

    public void AddTo(Command command)
    {
        command.Options.Add(_workers);
        command.Options.Add(_pp);
        command.Options.Add(_timeout);
    }

    public TimeSpan Timeout(ParseResult parse)
    {
        var seconds = parse.GetValue(_timeout);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new CliUsageException($"--pipeline-timeout must be positive (got {seconds})");
    }

    /// <summary>The stage URLs, spawning local workers for <c>--pp</c> (returned, to be disposed); none when neither flag is given.</summary>
    /// <param name="modelPath">The one model file to split; null when the command has none or several.</param>
    public (IReadOnlyList<Uri> Urls, LocalPipeline? Spawned) Resolve(ParseResult parse, string? modelPath, int threads)
    {
        var list = parse.GetValue(_workers);
        var pp = parse.GetValue(_pp);
        if (pp < 0) throw new CliUsageException($"--pp must not be negative (got {pp})");
        if (list is not null && pp > 0) throw new CliUsageException("give --pipeline-workers or --pp, not both");
        if ((list is not null || pp > 0) && modelPath is null) throw new CliUsageException("--pipeline-workers and --pp need exactly one --model file");
        if (pp > 0)
        {
            var spawned = LocalPipeline.Start(modelPath!, pp, threads);
            return (spawned.Urls, spawned);
        }
        if (list is null) return ([], null);
        var urls = new List<Uri>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CliUsageException($"--pipeline-workers: '{part}' is not an http:// URL");
            urls.Add(uri);
        }
        if (urls.Count == 0) throw new CliUsageException("--pipeline-workers lists no URL");
        return (urls, null);
    }
}
