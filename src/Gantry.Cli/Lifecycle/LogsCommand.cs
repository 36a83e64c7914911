using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Gantry.Cli.Commands;
using Gantry.Security.Audit;
using Gantry.Security.Storage;

namespace Gantry.Cli.Lifecycle;

/// <summary>
/// <c>gantry logs export --since 24h [--out FILE] [--state-dir DIR]</c>: the requests model versions served, oldest
/// first, as JSON Lines for offline evaluation and fine-tuning datasets: one object per request with its model version,
/// token counts, status, guardrail verdicts, feedback score and label, and the prompt text only where
/// <c>--log-prompts</c> kept it (PII-redacted, and redacted again on export). Completion text is never stored.
/// </summary>
internal static class LogsCommand
{
    public static Command Build()
    {
        var stateDir = SecurityOptions.StateDir();
        var since = SecurityOptions.Since();
        var output = new Option<string?>("--out") { Description = "Write the JSONL here (default: standard output)" };
        var export = new Command("export", "Export served requests with their model version and feedback as PII-redacted JSON Lines") { since, output, stateDir };
        export.SetAction(parse =>
        {
            var from = SecurityOptions.ParseSince(parse.GetValue(since)!, DateTimeOffset.UtcNow);
            var db = StateDatabase.Open(parse.GetValue(stateDir));
            using var file = parse.GetValue(output) is { } path ? new StreamWriter(path) : null;
            var writer = file ?? Console.Out;
            var buffer = new ArrayBufferWriter<byte>();
            var count = 0;
            foreach (var row in LogExport.Read(db, from, new GuardrailsPromptRedactor()))
            {
                buffer.ResetWrittenCount();
                Write(buffer, row);
                writer.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
                count++;
            }
            if (file is not null) Console.Error.WriteLine($"exported {count} requests to {parse.GetValue(output)}");
            return 0;
        });
        return new Command("logs", "Request logs for offline evaluation") { export };
    }

    private static void Write(IBufferWriter<byte> buffer, ExportedRequest row)
    {
        var r = row.Request;
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", r.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("request_id", r.RequestId);
            w.WriteString("model", r.Model);
            w.WriteString("model_version", r.ModelVersion);
            w.WriteString("endpoint", r.Endpoint);
            w.WriteString("tenant", r.Tenant);
            w.WriteNumber("status", r.Status);
            w.WriteNumber("prompt_tokens", r.PromptTokens);
            w.WriteNumber("completion_tokens", r.CompletionTokens);
            w.WriteNumber("latency_ms", Math.Round(r.LatencyMs, 3));
            if (r.Guardrails is not null) w.WriteString("guardrails", r.Guardrails);
            if (r.Prompt is not null) w.WriteString("prompt", r.Prompt);
            if (row.FeedbackScore is { } score) w.WriteNumber("feedback_score", score);
            if (row.FeedbackLabel is not null) w.WriteString("feedback_label", row.FeedbackLabel);
            w.WriteEndObject();
        }
    }
}
