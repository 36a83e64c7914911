using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gantry.Server.Guardrails;
using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pii;
using Gantry.Guardrails.Pipeline;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry guard --jsonl [--output]</c>: scans texts offline so users can audit logs and tune thresholds. Each
/// stdin line is a JSON string; each output line is its verdict:
/// <c>{"injection_score":0.82,"flagged":["injection"],"pii":[{"type":"email","start":5,"end":20}],"redacted":"…","action":"redact","evidence":[…]}</c>
/// (action: none, flag, redact or block). With <c>--guard-model PATH.gguf</c> a Llama Guard 3 model also judges each
/// text on its own engine and each line ends with <c>"guard_model":{"outcome":"unsafe","categories":["S2"],"ms":…}</c>
/// (mode: <c>--mode guard_model=…</c>).
/// Offsets are UTF-16 indices into the input. Every check runs in redact mode unless <c>--mode</c> says otherwise,
/// so <c>redacted</c> shows what a redacting tenant would see. With <c>--output</c> the texts are treated as model
/// completions (output checks: no injection scoring).
/// </summary>
internal static class GuardCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one JSON string per stdin line; print one verdict line each" };
        var output = new Option<bool>("--output") { Description = "Treat the texts as model outputs: output checks instead of input checks" };
        var threshold = new Option<double?>("--threshold") { Description = "Injection score at which the injection check fires (default 0.5)" };
        var modes = new Option<string[]>("--mode")
        {
            Description = "CHECK=off|flag|redact|block for injection, pii, secrets, content (repeatable; default: all redact)",
            AllowMultipleArgumentsPerToken = false,
        };
        var deny = new Option<string[]>("--deny") { Description = "A deny-list term (repeatable)" };
        var guardModel = new Option<string?>("--guard-model") { Description = "A Llama Guard 3 GGUF that also judges each text, on its own engine" };
        var threads = CommonOptions.Threads();
        var text = new Argument<string?>("TEXT") { Description = "Text to scan", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("guard", "Scan texts with the guardrails: injection score, flagged categories, PII spans, redacted text")
        {
            jsonl, output, threshold, modes, deny, guardModel, threads, text,
        };
        command.SetAction(parse =>
        {
            var policy = BuildPolicy(parse.GetValue(threshold), parse.GetValue(modes) ?? [], parse.GetValue(deny) ?? []);
            var pipeline = GuardrailPipelines.For(parse.GetValue(output) ? GuardrailStage.Output : GuardrailStage.Input);
            var input = parse.GetValue(text);
            using var guard = parse.GetValue(guardModel) is { } path ? EngineGuardModel.Load(path, CommonOptions.CheckThreads(parse.GetValue(threads))) : null;
            var judge = new GuardJudge(guard, pipeline, policy, parse.GetValue(output) ? GuardRole.Agent : GuardRole.User);
            using var stdout = Console.OpenStandardOutput();
            if (parse.GetValue(jsonl))
            {
                if (input is not null) throw new CliUsageException("--jsonl reads stdin; do not also give TEXT");
                foreach (var s in JsonLines.Strings(Console.In)) judge.Write(stdout, s);
                return 0;
            }
            if (input is null) throw new CliUsageException("give TEXT, or --jsonl to read JSON strings from stdin");
            judge.Write(stdout, input);
            return 0;
        });
        return command;
    }

    private static GuardrailPolicy BuildPolicy(double? threshold, string[] modes, string[] deny)
    {
        var policy = GuardrailPolicy.Default.WithAllModes(GuardrailMode.Redact).WithMode(LlamaGuard.CheckName, GuardrailMode.Redact) with { DenyTerms = deny };
        if (threshold is { } t)
        {
            if (!(t is >= 0 and <= 1)) throw new CliUsageException($"--threshold must be between 0 and 1 (got {t})");
            policy = policy with { InjectionThreshold = t };
        }
        foreach (var m in modes)
        {
            var eq = m.IndexOf('=');
            var check = eq > 0 ? m[..eq] : throw new CliUsageException($"--mode expects CHECK=MODE (got '{m}')");
            if (!GuardrailCheckNames.All.Contains(check) && check != LlamaGuard.CheckName)
                throw new CliUsageException($"--mode: unknown check '{check}' (one of {string.Join(", ", GuardrailCheckNames.All)})");
            policy = policy.WithMode(check, GuardrailPolicy.ParseMode(m[(eq + 1)..]));
        }
        return policy;
    }

    /// <summary>Evaluates one text (pipeline, then the guard model when there is one) and writes its line.</summary>
    private sealed class GuardJudge(EngineGuardModel? model, GuardrailPipeline pipeline, GuardrailPolicy policy, GuardRole role)
    {
        private readonly LlamaGuard? _guard = model is null ? null : new LlamaGuard(model);

        public void Write(Stream stdout, string text)
        {
            var verdict = pipeline.Evaluate(text, policy);
            if (_guard is null)
            {
                GuardCommand.Write(stdout, verdict, null, 0);
                return;
            }
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var judged = _guard.ClassifyAsync(text, role).GetAwaiter().GetResult();
            var ms = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            GuardCommand.Write(stdout, LlamaGuard.Merge(verdict, judged, policy.ModeFor(LlamaGuard.CheckName)), judged, ms);
        }
    }

    /// <summary>One verdict as one JSON line; field order is part of the format.</summary>
    private static void Write(Stream stdout, GuardrailVerdict v, GuardModelVerdict? guard, double guardMs)
    {
        using (var w = new Utf8JsonWriter(stdout, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("injection_score", Math.Round(v.InjectionScore, 4));
            w.WriteStartArray("flagged");
            foreach (var f in v.Flagged) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("pii");
            foreach (var p in v.Pii)
            {
                w.WriteStartObject();
                w.WriteString("type", PiiTypes.Label(p.Type));
                w.WriteNumber("start", p.Start);
                w.WriteNumber("end", p.End);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("redacted", v.Redacted);
            w.WriteString("action", v.Action == GuardrailMode.Off ? "none" : v.Action.ToString().ToLowerInvariant());
            w.WriteStartArray("evidence");
            foreach (var e in v.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("technique", e.Technique);
                w.WriteNumber("start", e.Start);
                w.WriteNumber("end", e.End);
                w.WriteNumber("weight", Math.Round(e.Weight, 4));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (guard is not null)
            {
                w.WriteStartObject("guard_model");
                w.WriteString("outcome", guard.Outcome.ToString().ToLowerInvariant());
                w.WriteStartArray("categories");
                foreach (var c in guard.Categories) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteNumber("ms", Math.Round(guardMs, 1));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
