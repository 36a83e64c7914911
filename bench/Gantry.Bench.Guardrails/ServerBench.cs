using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gantry.Engine;
using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>--server --model m.gguf [--requests N] [--chars 1024,2048,4096] [--gen-tokens N]</c>: what guardrails add per
/// request at the server, two ways. (1) The server's adapters alone, no HTTP: <see cref="InputGuard"/> over the prompt
/// plus <see cref="OutputGuard"/> fed a completion of the same size in 4-character deltas, all checks on
/// (injection=block, pii=redact, secrets=redact, content=block). (2) End to end through real HTTP: identical
/// completion requests (streamed, <c>ignore_eos</c>) from a key with every check off and one with the policy above,
/// interleaved so both see the same machine; the added latency is the difference of their p50s. Prints JSON.
/// </summary>
internal static class ServerBench
{
    private const string AllOn = "injection=block,pii=redact,secrets=redact,content=block";

    public static async Task<int> RunAsync(string[] args)
    {
        string? model = null;
        var requests = 200;
        var genTokens = 32;
        int[] sizes = [1024, 2048, 4096];
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--model": model = args[++i]; break;
                case "--requests": requests = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--gen-tokens": genTokens = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--chars": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }
        if (model is null || !File.Exists(model))
        {
            Console.Error.WriteLine("--server needs --model PATH.gguf (e.g. ../shared/models/llama-2-tiny-random.gguf, context 4096)");
            return 2;
        }
        var results = new List<object>();
        foreach (var chars in sizes) results.Add(Adapters(chars, requests * 5));
        foreach (var chars in sizes) results.Add(await HttpAsync(model, chars, requests, genTokens));
        Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static GuardrailPolicy OnPolicy() =>
        new GuardrailSettings { Modes = GuardrailModeSpec.ApplyTo(new GuardrailSettings().ToPolicy(), GuardrailModeSpec.Parse(AllOn)) }.ToPolicy();

    /// <summary>Input and output stage of one request through the server's adapters, timed per request.</summary>
    private static object Adapters(int chars, int iterations)
    {
        var policy = OnPolicy();
        var prompt = Prompts.OfLength(chars);
        var completion = Prompts.OfLength(chars + 97)[97..]; // same kind of text, different alignment
        var events = new List<TokenEvent>();
        for (var i = 0; i < completion.Length; i += 4)
            events.Add(new TokenEvent { TokenId = 1, TextDelta = completion.Substring(i, Math.Min(4, completion.Length - i)), FinishReason = i + 4 >= completion.Length ? FinishReason.Length : null });
        var input = new double[iterations];
        var output = new double[iterations];
        for (var warm = 0; warm < 50; warm++) OneRequest(policy, prompt, events, out _, out _);
        for (var i = 0; i < iterations; i++) OneRequest(policy, prompt, events, out input[i], out output[i]);
        var total = input.Zip(output, (a, b) => a + b).ToArray();
        return new
        {
            mode = "adapters", prompt_chars = chars, completion_chars = completion.Length, iterations,
            input_p50_ms = Percentile(input, 50), output_p50_ms = Percentile(output, 50),
            total_p50_ms = Percentile(total, 50), total_p90_ms = Percentile(total, 90),
        };
    }

    private static void OneRequest(GuardrailPolicy policy, string prompt, List<TokenEvent> events, out double inputMs, out double outputMs)
    {
        var ledger = new GuardrailLedger(null);
        var start = Stopwatch.GetTimestamp();
        var text = prompt;
        if (InputGuard.For(policy, ledger)!("prompt", Gantry.Server.Validation.PromptRole.Prompt, ref text) is not null) throw new InvalidOperationException("an honest prompt was blocked");
        var mid = Stopwatch.GetTimestamp();
        var guard = new OutputGuard(policy, 1, ledger);
        var released = 0;
        foreach (var e in events) released += guard.Next(0, e).Text.Length;
        var end = Stopwatch.GetTimestamp();
        if (guard.Error is not null || released == 0) throw new InvalidOperationException("an honest completion was blocked");
        inputMs = Stopwatch.GetElapsedTime(start, mid).TotalMilliseconds;
        outputMs = Stopwatch.GetElapsedTime(mid, end).TotalMilliseconds;
    }

    /// <summary>p50 of identical streamed requests, guardrails off vs all on, through a real server.</summary>
    private static async Task<object> HttpAsync(string model, int chars, int requests, int genTokens)
    {
        var stateDir = Directory.CreateTempSubdirectory("gantry-bench-guard-").FullName;
        try
        {
            var keys = new KeyStore(StateDatabase.Open(stateDir), TimeProvider.System);
            ApiKey Key(string spec) => keys.Create(new Tenant("bench", TenantRole.User, [], TenantLimits.Unlimited) { Guardrails = GuardrailModeSpec.Parse(spec) }).Key;
            var off = Key("all=off");
            var on = Key(AllOn);
            var options = new ServerOptions
            {
                Port = 0, Threads = 1, Models = [new ModelSpec(model, "m")],
                Engine = new EngineOptions { KvCacheBytes = 64L << 20 },
                Security = new SecuritySettings { StateDir = stateDir, Auth = AuthMode.Keys },
            };
            await using var server = GantryServer.Create(options, logLevel: LogLevel.Warning);
            await server.StartAsync();
            await server.ModelsLoaded;
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
            var body = JsonSerializer.Serialize(new
            {
                model = "m", prompt = Prompts.OfLength(chars), max_tokens = genTokens, temperature = 0, ignore_eos = true, stream = true,
            });
            async Task<double> Once(ApiKey key)
            {
                using var r = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(r);
                var text = await response.Content.ReadAsStringAsync();
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) || text.Contains("\"error\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"request failed ({(int)response.StatusCode}): {text[..Math.Min(200, text.Length)]}");
                return ms;
            }
            for (var i = 0; i < 10; i++) { await Once(off); await Once(on); }
            var offMs = new double[requests];
            var onMs = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                // Alternate which goes first so drift and warm caches favour neither.
                if (i % 2 == 0) { offMs[i] = await Once(off); onMs[i] = await Once(on); }
                else { onMs[i] = await Once(on); offMs[i] = await Once(off); }
            }
            var (p50Off, p50On) = (Percentile(offMs, 50), Percentile(onMs, 50));
            return new
            {
                mode = "http", prompt_chars = chars, gen_tokens = genTokens, requests,
                off_p50_ms = p50Off, on_p50_ms = p50On, added_p50_ms = Math.Round(p50On - p50Off, 3),
                paired_difference_p50_ms = Percentile([.. onMs.Zip(offMs, (a, b) => a - b)], 50),
            };
        }
        finally
        {
            StateDatabase.ReleaseAll();
            try { Directory.Delete(stateDir, recursive: true); } catch (IOException) { }
        }
    }

    private static double Percentile(double[] values, int p)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)], 3);
    }
}
