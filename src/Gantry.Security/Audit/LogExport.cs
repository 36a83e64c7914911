using Gantry.Security.Storage;

namespace Gantry.Security.Audit;

/// <summary>One served request for offline evaluation: its audit record (prompt text only where it was kept) and the feedback it got.</summary>
public sealed record ExportedRequest(AuditRecord Request, double? FeedbackScore, string? FeedbackLabel);

/// <summary>
/// Reads the requests a model version served since a moment, oldest first, joined to their feedback (<c>gantry logs
/// export</c>). Prompt text exists only where <c>--log-prompts</c> kept it, already redacted when written; it is passed
/// through <paramref name="redactor"/> again here, so a redactor improved since still applies to old rows.
/// </summary>
public static class LogExport
{
    public static IEnumerable<ExportedRequest> Read(StateDatabase db, DateTimeOffset since, IPromptRedactor redactor)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT a.*, f.score AS feedback_score, f.label AS feedback_label FROM audit a LEFT JOIN feedback f ON f.request_id = a.request_id
            WHERE a.time >= $since AND a.model_version IS NOT NULL ORDER BY a.time, a.seq
            """;
        cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        var score = r.GetOrdinal("feedback_score");
        while (r.Read())
        {
            var a = AuditLog.ReadRecord(r);
            yield return new ExportedRequest(a with { Prompt = a.Prompt is { } p ? redactor.Redact(p) : null },
                r.IsDBNull(score) ? null : r.GetDouble(score), AuditLog.Text(r, "feedback_label"));
        }
    }
}
