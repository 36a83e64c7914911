using System.CommandLine;
using Gantry.Cli.Pipeline;
using Gantry.Server.Distributed;

namespace Gantry.Cli.Commands;

/// <summary>
/// The model-parallel flags of <c>serve</c> and <c>generate</c>: <c>--pipeline-workers URL,URL…</c> or
/// <c>--tensor-workers URL,URL…</c> (running <c>gantry worker</c>s; each says which layers and tensor shard it holds,
/// so either list may name stages, shards or both, in any order), or <c>--pp N</c> and/or <c>--tp M</c> (spawn N × M
/// local workers), <c>--pipeline-timeout</c>, <c>--pipeline-micro-batches</c> and <c>--activation-dtype</c>.
/// </summary>
internal sealed class PipelineCliOptions
{
    private readonly Option<string?> _workers = new("--pipeline-workers") { Description = "Comma-separated gantry worker URLs (http://host:port), one per pipeline stage; the model's blocks run there" };
    private readonly Option<string?> _tensorWorkers = new("--tensor-workers") { Description = "Comma-separated gantry worker URLs, one per tensor shard (gantry worker --tp-rank I/N, with --layers for pipeline × tensor)" };
    private readonly Option<int> _pp = new("--pp") { Description = "Pipeline-parallel stages: spawn local gantry worker processes on loopback (0: none)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _tp = new("--tp") { Description = "Tensor-parallel shards per stage: spawn local gantry worker processes on loopback (0: none)", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _timeout = new("--pipeline-timeout") { Description = "Seconds a worker may take for one step before requests fail with 503", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _microBatches = new("--pipeline-micro-batches")
    {
        Description = "Micro-batches a pipeline step is cut into at most, so stages work side by side (0: one per stage; 1: off); outputs are unchanged",
        DefaultValueFactory = _ => 0,
    };
    private readonly Option<string> _activations = new("--activation-dtype")
    {
        Description = "How activations cross the wire between workers: f32 (exact) or f16 (half the bytes; results move slightly)",
        DefaultValueFactory = _ => "f32",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_workers);
        command.Options.Add(_tensorWorkers);
        command.Options.Add(_pp);
        command.Options.Add(_tp);
        command.Options.Add(_timeout);
        command.Options.Add(_microBatches);
        command.Options.Add(_activations);
    }

    /// <summary>Micro-batches and activation type, from <c>--pipeline-micro-batches</c> and <c>--activation-dtype</c>.</summary>
    public PipelineTransport Transport(ParseResult parse)
    {
        var microBatches = parse.GetValue(_microBatches);
        if (microBatches < 0) throw new CliUsageException($"--pipeline-micro-batches must not be negative (got {microBatches})");
        var text = parse.GetValue(_activations)!;
        ActivationWireType type;
        try
        {
            type = ActivationWire.Parse(text);
        }
        catch (FormatException)
        {
            throw new CliUsageException($"--activation-dtype must be f32 or f16 (got '{text}')");
        }
        return new PipelineTransport { MicroBatches = microBatches, Activations = type };
    }

    public TimeSpan Timeout(ParseResult parse)
    {
        var seconds = parse.GetValue(_timeout);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new CliUsageException($"--pipeline-timeout must be positive (got {seconds})");
    }

    /// <summary>The worker URLs, spawning local workers for <c>--pp</c>/<c>--tp</c> (returned, to be disposed); none when no flag is given.</summary>
    /// <param name="modelPath">The one model file to split; null when the command has none or several.</param>
    public (IReadOnlyList<Uri> Urls, LocalPipeline? Spawned) Resolve(ParseResult parse, string? modelPath, int threads)
    {
        var pipelineList = parse.GetValue(_workers);
        var tensorList = parse.GetValue(_tensorWorkers);
        var pp = parse.GetValue(_pp);
        var tp = parse.GetValue(_tp);
        if (pp < 0) throw new CliUsageException($"--pp must not be negative (got {pp})");
        if (tp < 0) throw new CliUsageException($"--tp must not be negative (got {tp})");
        if (pipelineList is not null && tensorList is not null) throw new CliUsageException("give --pipeline-workers or --tensor-workers, not both (either lists every worker)");
        var (list, flag) = tensorList is not null ? (tensorList, "--tensor-workers") : (pipelineList, "--pipeline-workers");
        var spawn = pp > 0 || tp > 0;
        if (list is not null && spawn) throw new CliUsageException($"give {flag} or --pp/--tp, not both");
        if ((list is not null || spawn) && modelPath is null) throw new CliUsageException($"{(spawn ? "--pp and --tp" : flag)} need exactly one --model file");
        if (spawn)
        {
            var spawned = LocalPipeline.Start(modelPath!, Math.Max(pp, 1), threads, Math.Max(tp, 1));
            return (spawned.Urls, spawned);
        }
        if (list is null) return ([], null);
        var urls = new List<Uri>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CliUsageException($"{flag}: '{part}' is not an http:// URL");
            urls.Add(uri);
        }
        if (urls.Count == 0) throw new CliUsageException($"{flag} lists no URL");
        return (urls, null);
    }
}
