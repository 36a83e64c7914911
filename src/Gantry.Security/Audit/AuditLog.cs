using Gantry.Security.Storage;
using Gantry.Security.Keys;
using Gantry.Security.Limits;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Audit;

/// <summary>
/// The audit log in SQLite: one row per request, written once when the request ends (by <see cref="AuditWriter"/> in a
/// running server). It also answers how many tokens a key used since a moment (quotas after a restart) and prunes rows
/// past the retention. Thread-safe.
/// </summary>
public sealed class AuditLog(StateDatabase db) : IQuotaUsageSource
{
    public void Append(AuditRecord r) => AppendBatch([r]);

    /// <summary>Writes the records in one transaction: one commit (and one sync of the file) for all of them.</summary>
    public void AppendBatch(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return;
        using var c = db.Connect();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO audit (time, request_id, key_id, tenant, model, endpoint, prompt_tokens, completion_tokens, latency_ms, status, guardrails, client, prompt, model_version,
                flops, bytes_read, cpu_seconds, joules, grams_co2e, price)
            VALUES ($time, $rid, $key, $tenant, $model, $endpoint, $pt, $ct, $lat, $status, $g, $client, $prompt, $version, $flops, $bytes, $cpu, $joules, $co2, $price)
            """;
        string[] names = ["$time", "$rid", "$key", "$tenant", "$model", "$endpoint", "$pt", "$ct", "$lat", "$status", "$g", "$client", "$prompt", "$version",
            "$flops", "$bytes", "$cpu", "$joules", "$co2", "$price"];
        var parameters = names.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var r in records)
        {
            object?[] values = [r.Time.ToUnixTimeMilliseconds(), r.RequestId, r.KeyId, r.Tenant, r.Model, r.Endpoint,
                r.PromptTokens, r.CompletionTokens, r.LatencyMs, r.Status, r.Guardrails, r.Client, r.Prompt, r.ModelVersion,
                r.Cost?.Flops, r.Cost?.BytesRead, r.Cost?.CpuSeconds, r.Cost?.Joules, r.Cost?.GramsCo2e, r.Cost?.Price];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IReadOnlyList<AuditRecord> Query(AuditQuery q)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM audit WHERE time >= $since AND ($tenant IS NULL OR tenant = $tenant) ORDER BY time DESC, seq DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$since", q.Since.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$tenant", (object?)q.Tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$limit", q.Limit);
        return Read(cmd);
    }

    /// <summary>
    /// The newest record of a request that a model version served (what feedback attaches to), or null. Request ids
    /// may come from clients, so one id can name several records; the newest one wins.
    /// </summary>
    public AuditRecord? FindServed(string requestId)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM audit WHERE request_id = $rid AND model_version IS NOT NULL ORDER BY seq DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$rid", requestId);
        return Read(cmd).FirstOrDefault();
    }

    private static List<AuditRecord> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<AuditRecord>();
        while (r.Read()) list.Add(ReadRecord(r));
        return list;
    }

    internal static AuditRecord ReadRecord(SqliteDataReader r) =>
            new AuditRecord(
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("time"))),
                r.GetString(r.GetOrdinal("request_id")),
                Text(r, "key_id"), Text(r, "tenant"), Text(r, "model"),
                r.GetString(r.GetOrdinal("endpoint")),
                r.GetInt32(r.GetOrdinal("prompt_tokens")), r.GetInt32(r.GetOrdinal("completion_tokens")),
                r.GetDouble(r.GetOrdinal("latency_ms")), r.GetInt32(r.GetOrdinal("status")),
                Text(r, "guardrails"), Text(r, "client"), Text(r, "prompt"), Text(r, "model_version"), Cost(r));

    /// <summary>The record's cost columns; null for a row without them (not a generation, or written before costs were kept).</summary>
    private static Gantry.Engine.Costs.RequestCost? Cost(SqliteDataReader r)
    {
        var flops = r.GetOrdinal("flops");
        if (r.IsDBNull(flops)) return null;
        double Real(string column) => r.IsDBNull(r.GetOrdinal(column)) ? 0 : r.GetDouble(r.GetOrdinal(column));
        return new Gantry.Engine.Costs.RequestCost(r.GetDouble(flops), Real("bytes_read"), Real("cpu_seconds"), Real("joules"), Real("grams_co2e"), Real("price"));
    }

    /// <summary>Deletes records older than <paramref name="before"/>; returns how many.</summary>
    public int Prune(DateTimeOffset before)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM audit WHERE time < $before";
        cmd.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery();
    }

    public long TokensSince(KeyId key, DateTimeOffset since)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM audit WHERE key_id = $key AND time >= $since";
        cmd.Parameters.AddWithValue("$key", key.Value);
        cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string? Text(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }
}
