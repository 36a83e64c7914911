using Gantry.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Audit;

/// <summary>
/// Feedback on one served request (<c>POST /v1/feedback</c>): a score and an optional label, kept with the request's
/// audit record (same request id) and carrying the model and version that served it, so scores add up per version.
/// </summary>
public sealed record FeedbackRecord(DateTimeOffset Time, string RequestId, string? KeyId, string? Tenant, string? Model, string? ModelVersion, double Score, string? Label);

/// <summary>A version's feedback since a moment: how many requests were rated and their mean score.</summary>
public readonly record struct FeedbackSummary(int Count, double MeanScore);

/// <summary>
/// The <c>feedback</c> table of the state database: one row per request id (feedback sent again replaces the earlier
/// one, so a client can correct a rating). Thread-safe (a pooled connection per call).
/// </summary>
public sealed class FeedbackStore(StateDatabase db)
{
    public void Upsert(FeedbackRecord f)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO feedback (request_id, time, key_id, tenant, model, model_version, score, label)
            VALUES ($rid, $time, $key, $tenant, $model, $version, $score, $label)
            ON CONFLICT(request_id) DO UPDATE SET time = $time, key_id = $key, tenant = $tenant, model = $model,
                model_version = $version, score = $score, label = $label
            """;
        cmd.Parameters.AddWithValue("$rid", f.RequestId);
        cmd.Parameters.AddWithValue("$time", f.Time.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$key", (object?)f.KeyId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tenant", (object?)f.Tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$model", (object?)f.Model ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$version", (object?)f.ModelVersion ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$score", f.Score);
        cmd.Parameters.AddWithValue("$label", (object?)f.Label ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    public FeedbackRecord? Find(string requestId)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM feedback WHERE request_id = $rid";
        cmd.Parameters.AddWithValue("$rid", requestId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new FeedbackRecord(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("time"))), requestId,
            AuditLog.Text(r, "key_id"), AuditLog.Text(r, "tenant"), AuditLog.Text(r, "model"), AuditLog.Text(r, "model_version"),
            r.GetDouble(r.GetOrdinal("score")), AuditLog.Text(r, "label"));
    }

    /// <summary>The feedback on <paramref name="model"/>'s <paramref name="version"/> given since <paramref name="since"/>.</summary>
    public FeedbackSummary Summary(string model, string version, DateTimeOffset since)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), COALESCE(AVG(score), 0) FROM feedback WHERE model = $model AND model_version = $version AND time >= $since";
        cmd.Parameters.AddWithValue("$model", model);
        cmd.Parameters.AddWithValue("$version", version);
        cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        r.Read();
        return new FeedbackSummary(r.GetInt32(0), r.GetDouble(1));
    }
}
