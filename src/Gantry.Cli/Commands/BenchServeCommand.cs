using System.CommandLine;
using Gantry.Cli.Bench;
using Gantry.Engine;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry bench-serve --url URL --model NAME …</c>: a load generator for a running (local) server, reporting request
/// and token throughput and TTFT / inter-token latency percentiles like <c>vllm bench serve</c>. With <c>--direct PATH</c>
/// the same load goes straight into an in-process engine instead, the baseline for measuring the server's overhead.
/// </summary>
internal static class BenchServeCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url") { Description = "Server base URL (loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:8000" };
        var model = new Option<string>("--model") { Description = "Model name to request", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Most requests in flight", DefaultValueFactory = _ => 16 };
        var requests = new Option<int>("--requests") { Description = "Requests to send", DefaultValueFactory = _ => 200 };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Prompt length in tokens", DefaultValueFactory = _ => 128 };
        var genTokens = new Option<int>("--gen-tokens") { Description = "Tokens to generate per request (EOS ignored)", DefaultValueFactory = _ => 128 };
        var rate = new Option<double>("--request-rate") { Description = "Poisson arrival rate in requests/s (default: all at once)", DefaultValueFactory = _ => double.PositiveInfinity };
        var shared = new Option<int>("--shared-prefix-tokens") { Description = "Leading prompt tokens shared by every request (prefix cache)", DefaultValueFactory = _ => 0 };
        var duration = new Option<double?>("--duration") { Description = "Keep sending for this many seconds instead of stopping after --requests" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for prompts and arrivals", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var direct = new Option<string?>("--direct") { Description = "Baseline: drive an in-process engine on this GGUF instead of the server (server defaults for its options)" };
        var warmup = new Option<int?>("--warmup-requests")
        {
            Description = "Untimed requests sent first, at full concurrency, so JIT tiering settles (default: one per concurrency slot)",
        };
        var threads = CommonOptions.Threads();
        var streamInterval = CommonOptions.StreamInterval();
        streamInterval.Description = "With --direct: the engine's stream interval (match the server's --stream-interval)";
        var command = new Command("bench-serve", "Load-test a running server (throughput, TTFT, inter-token latency)")
        {
            url, model, concurrency, requests, promptTokens, genTokens, rate, shared, duration, seed, json, direct, warmup, threads, streamInterval,
        };
        command.SetAction(parse =>
        {
            var spec = new LoadSpec(parse.GetValue(concurrency), parse.GetValue(requests), parse.GetValue(promptTokens), parse.GetValue(genTokens),
                parse.GetValue(rate), parse.GetValue(shared), parse.GetValue(seed), parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null,
                parse.GetValue(warmup) ?? parse.GetValue(concurrency));
            if (spec.Concurrency < 1) throw new CliUsageException($"--concurrency must be at least 1 (got {spec.Concurrency})");
            if (spec.Requests < 1) throw new CliUsageException($"--requests must be at least 1 (got {spec.Requests})");
            if (spec.WarmupRequests < 0) throw new CliUsageException($"--warmup-requests must be at least 0 (got {spec.WarmupRequests})");
            if (spec.PromptTokens < 1) throw new CliUsageException($"--prompt-tokens must be at least 1 (got {spec.PromptTokens})");
            if (spec.GenTokens < 1) throw new CliUsageException($"--gen-tokens must be at least 1 (got {spec.GenTokens})");
            if (!(spec.RequestRate > 0)) throw new CliUsageException($"--request-rate must be positive (got {spec.RequestRate})");
            if (spec.SharedPrefixTokens < 0 || spec.SharedPrefixTokens > spec.PromptTokens)
                throw new CliUsageException($"--shared-prefix-tokens must be in 0..--prompt-tokens (got {spec.SharedPrefixTokens})");
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
                throw new CliUsageException($"--url must be an http(s) URL (got '{parse.GetValue(url)}')");
            IBenchTarget target = parse.GetValue(direct) is { } path
                ? new EngineBenchTarget(path, CommonOptions.CheckThreads(parse.GetValue(threads)), new EngineOptions { StreamInterval = CommonOptions.CheckStreamInterval(parse.GetValue(streamInterval)) })
                : new HttpBenchTarget(baseUrl, parse.GetValue(model)!);
            ServeBenchReport report;
            try
            {
                report = ServeLoadGenerator.RunAsync(target, spec, CancellationToken.None).GetAwaiter().GetResult();
            }
            finally
            {
                target.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            Console.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return 0;
        });
        return command;
    }
}
