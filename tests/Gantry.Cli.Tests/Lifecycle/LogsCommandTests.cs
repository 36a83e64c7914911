using System.Text.Json;
using Gantry.Security.Audit;
using Gantry.Security.Storage;

namespace Gantry.Cli.Tests.Lifecycle;

/// <summary><c>gantry logs export</c>: served requests as JSONL with their version and feedback, prompts redacted, nothing else.</summary>
public sealed class LogsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-cli-logs-").FullName;

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Export_ServedRequestsSince_WithVersionFeedbackAndRedactedPrompt()
    {
        var db = StateDatabase.Open(_dir);
        var now = DateTimeOffset.UtcNow;
        AuditRecord Rec(string id, DateTimeOffset t, string? version, string? prompt = null) =>
            new(t, id, "k1", "acme", "stories", "/v1/completions", 4, 2, 12.5, 200, null, "127.0.0.1", prompt, version);
        new AuditLog(db).AppendBatch([
            Rec("req_old", now.AddDays(-3), "v1"),
            Rec("req_a", now.AddMinutes(-5), "v1", "mail me at alice.smith@example.com please"),
            Rec("req_b", now.AddMinutes(-4), "v2"),
            Rec("req_refused", now.AddMinutes(-3), null),
        ]);
        new FeedbackStore(db).Upsert(new FeedbackRecord(now, "req_b", "k1", "acme", "stories", "v2", 0.25, "too_short"));

        var result = CliRunner.Run("logs", "export", "--since", "24h", "--state-dir", _dir);
        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["req_a", "req_b"], rows.Select(r => r.GetProperty("request_id").GetString()));
        Assert.Equal(["v1", "v2"], rows.Select(r => r.GetProperty("model_version").GetString()));
        var prompt = rows[0].GetProperty("prompt").GetString()!;
        Assert.DoesNotContain("alice.smith@example.com", prompt);
        Assert.StartsWith("mail me at ", prompt);
        Assert.False(rows[0].TryGetProperty("feedback_score", out _));
        Assert.False(rows[1].TryGetProperty("prompt", out _)); // not kept: never exported
        Assert.Equal(0.25, rows[1].GetProperty("feedback_score").GetDouble());
        Assert.Equal("too_short", rows[1].GetProperty("feedback_label").GetString());

        var file = Path.Combine(_dir, "export.jsonl");
        var toFile = CliRunner.Run("logs", "export", "--since", "7d", "--out", file, "--state-dir", _dir);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(3, File.ReadAllLines(file).Length);
    }
}
