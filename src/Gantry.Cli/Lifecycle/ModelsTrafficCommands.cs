using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gantry.Server.Lifecycle;

namespace Gantry.Cli.Lifecycle;

/// <summary>
/// <c>gantry models canary NAME …</c> and <c>gantry models split NAME --weights A=90,B=10 …</c>: traffic splitting on a
/// running server through its admin API (<c>/admin/models/{name}/canary</c>, <c>/admin/models/{name}/split</c>).
/// </summary>
internal static class ModelsTrafficCommands
{
    public static Command Canary()
    {
        var name = new Argument<string>("name") { Description = "Public model name" };
        var path = new Option<string?>("--path") { Description = "Candidate GGUF file (a path on the server's machine)" };
        var version = new Option<string?>("--version") { Description = "Candidate version label (alone: a registered version)" };
        var steps = new Option<string>("--steps") { Description = "Candidate's share per step, percent, ending at 100", DefaultValueFactory = _ => "5,25,100" };
        var stepSeconds = new Option<int?>("--step-seconds") { Description = "Advance a step every N seconds (default: only by --advance)" };
        var sticky = new Option<string>("--sticky") { Description = "Keep clients on one version: none, user (the request's user field) or key (API key)", DefaultValueFactory = _ => "none" };
        var maxError = new Option<double?>("--max-error-rate") { Description = "Roll back when the candidate's error rate exceeds this (0..1; default 0.05)" };
        var maxTtft = new Option<double?>("--max-ttft-p99-ms") { Description = "Roll back when the candidate's p99 time to first token exceeds this" };
        var window = new Option<int?>("--window-seconds") { Description = "Sliding window of the objectives (default 60)" };
        var minRequests = new Option<int?>("--min-requests") { Description = "Requests in the window before the objectives are judged (default 20)" };
        var maxBlock = new Option<double?>("--max-guardrail-block-rate") { Description = "Roll back when the share of the candidate's requests a guardrail blocks exceeds this (0..1)" };
        var minScore = new Option<double?>("--min-feedback-score") { Description = "Roll back when the candidate's mean feedback score (POST /v1/feedback) falls below this" };
        var minFeedback = new Option<int?>("--min-feedback") { Description = "Rated requests in the window before the feedback score is judged (default 5)" };
        var advance = new Option<bool>("--advance") { Description = "Move the running canary to its next step" };
        var rollback = new Option<bool>("--rollback") { Description = "Roll the running canary back" };
        var status = new Option<bool>("--status") { Description = "Show the canary's state" };
        var (server, apiKey) = ServerOptions();
        var command = new Command("canary", "Start a canary of a new version on a running server (with automatic rollback), or advance, roll back or show it")
        {
            name, path, version, steps, stepSeconds, sticky, maxError, maxTtft, window, minRequests, maxBlock, minScore, minFeedback, advance, rollback, status, server, apiKey,
        };
        command.SetAction(parse =>
        {
            var n = Uri.EscapeDataString(parse.GetValue(name)!);
            string text;
            if (parse.GetValue(advance) || parse.GetValue(rollback) || parse.GetValue(status))
            {
                var (method, suffix) = parse.GetValue(advance) ? (HttpMethod.Post, "/advance") : parse.GetValue(rollback) ? (HttpMethod.Post, "/rollback") : (HttpMethod.Get, "");
                text = Send(parse.GetValue(server)!, parse.GetValue(apiKey), method, $"/admin/models/{n}/canary{suffix}", method == HttpMethod.Post ? "{}" : null);
            }
            else
            {
                if (parse.GetValue(path) is null && parse.GetValue(version) is null) throw new CliUsageException("models canary: give --path FILE (with --version LABEL) or --version of a registered version");
                var body = new CanaryRequest(parse.GetValue(path) is { } p ? Path.GetFullPath(p) : null, parse.GetValue(version), ParseSteps(parse.GetValue(steps)!),
                    parse.GetValue(stepSeconds), parse.GetValue(sticky), new ObjectivesBody(parse.GetValue(maxError), parse.GetValue(maxTtft), parse.GetValue(window), parse.GetValue(minRequests),
                        parse.GetValue(maxBlock), parse.GetValue(minScore), parse.GetValue(minFeedback)));
                text = Send(parse.GetValue(server)!, parse.GetValue(apiKey), HttpMethod.Post, $"/admin/models/{n}/canary", JsonSerializer.Serialize(body, LifecycleJson.Default.CanaryRequest));
            }
            var s = JsonSerializer.Deserialize(text, LifecycleJson.Default.CanaryStatus)!;
            Console.WriteLine($"{s.Name}: canary {s.Candidate} over {s.Stable} {s.State} at {s.Weight}% (steps {string.Join(",", s.Steps)}); " +
                $"window {s.WindowRequests} requests, error rate {s.WindowErrorRate:0.###}, TTFT p99 {s.WindowTtftP99Ms:0.#} ms, " +
                $"guardrail blocks {s.WindowGuardrailBlockRate:0.###}, feedback {s.WindowFeedbackScore:0.###} over {s.WindowFeedback}{(s.Reason is null ? "" : "; " + s.Reason)}");
            return 0;
        });
        return command;
    }

    public static Command Split()
    {
        var name = new Argument<string>("name") { Description = "Public model name" };
        var weights = new Option<string>("--weights") { Description = "VERSION=WEIGHT,… over registered or served versions (e.g. v1=50,v2=50)", Required = true };
        var sticky = new Option<string>("--sticky") { Description = "none, user (the request's user field) or key (API key)", DefaultValueFactory = _ => "none" };
        var shadow = new Option<string?>("--shadow") { Description = "Version that gets a copy of every request (answers discarded, metrics kept)" };
        var (server, apiKey) = ServerOptions();
        var command = new Command("split", "Split a running server's traffic for a model over weighted versions (A/B), optionally with a shadow") { name, weights, sticky, shadow, server, apiKey };
        command.SetAction(parse =>
        {
            var entries = parse.GetValue(weights)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
            {
                var eq = pair.LastIndexOf('=');
                if (eq <= 0 || !int.TryParse(pair[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var w))
                    throw new CliUsageException($"--weights: '{pair}' is not VERSION=WEIGHT");
                return new SplitEntry(pair[..eq], w);
            }).ToList();
            var body = new SplitRequest(entries, parse.GetValue(sticky), parse.GetValue(shadow));
            var text = Send(parse.GetValue(server)!, parse.GetValue(apiKey), HttpMethod.Post, $"/admin/models/{Uri.EscapeDataString(parse.GetValue(name)!)}/split",
                JsonSerializer.Serialize(body, LifecycleJson.Default.SplitRequest));
            var s = JsonSerializer.Deserialize(text, LifecycleJson.Default.SplitStatus)!;
            Console.WriteLine($"{s.Name}: {string.Join(", ", s.Versions.Select(v => $"{v.Version}={v.Weight}"))} sticky {s.Sticky}{(s.Shadow is null ? "" : $", shadow {s.Shadow}")}");
            return 0;
        });
        return command;
    }

    private static (Option<string> Server, Option<string?> ApiKey) ServerOptions() => (
        new Option<string>("--server") { Description = "Server base URL", DefaultValueFactory = _ => "http://127.0.0.1:8000" },
        new Option<string?>("--api-key") { Description = "Admin API key (default: $GANTRY_API_KEY)" });

    private static List<int> ParseSteps(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new CliUsageException($"--steps: '{s}' is not a whole percentage")).ToList();

    private static string Send(string server, string? key, HttpMethod method, string path, string? json) =>
        ModelsServerCommands.SendAsync(server, key, method, path, json).GetAwaiter().GetResult();
}
