using Gantry.Security.Storage;
using Gantry.Guardrails.Pipeline;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Keys;

/// <summary>
/// API keys in SQLite: created once (the caller shows the secret to the user and forgets it), looked up by id, verified
/// against the salted hash, revoked by id. Thread-safe: every call uses its own pooled connection.
/// </summary>
public sealed class KeyStore(StateDatabase db, TimeProvider time)
{
    // Verification work done for an unknown id, so a miss costs the same hash as a hit.
    private static readonly byte[] DecoySalt = KeyHasher.NewSalt();
    private static readonly byte[] DecoyHash = KeyHasher.Hash(DecoySalt, "decoy");

    public (ApiKey Key, KeyRecord Record) Create(Tenant tenant)
    {
        tenant.Validate();
        var key = ApiKey.Generate();
        var salt = KeyHasher.NewSalt();
        var now = time.GetUtcNow();
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO keys (id, salt, hash, tenant, role, models, rpm, tpm, max_concurrent, tokens_per_day, tokens_per_month,
                              max_body_bytes, max_prompt_tokens, max_n, max_tokens, timeout_seconds, guardrails, created_at)
            VALUES ($id, $salt, $hash, $tenant, $role, $models, $rpm, $tpm, $mc, $tpd, $tpmo, $mbb, $mpt, $mn, $mt, $ts, $g, $created)
            """;
        var l = tenant.Limits;
        cmd.Parameters.AddWithValue("$id", key.Id.Value);
        cmd.Parameters.AddWithValue("$salt", salt);
        cmd.Parameters.AddWithValue("$hash", KeyHasher.Hash(salt, key.Secret));
        cmd.Parameters.AddWithValue("$tenant", tenant.Name);
        cmd.Parameters.AddWithValue("$role", TenantRoles.Name(tenant.Role));
        cmd.Parameters.AddWithValue("$models", string.Join(',', tenant.Models));
        cmd.Parameters.AddWithValue("$rpm", (object?)l.RequestsPerMinute ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tpm", (object?)l.TokensPerMinute ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$mc", (object?)l.MaxConcurrent ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tpd", (object?)l.TokensPerDay ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tpmo", (object?)l.TokensPerMonth ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$mbb", (object?)l.MaxBodyBytes ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$mpt", (object?)l.MaxPromptTokens ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$mn", (object?)l.MaxN ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$mt", (object?)l.MaxTokens ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ts", (object?)l.TimeoutSeconds ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$g", GuardrailsText(tenant.Guardrails));
        cmd.Parameters.AddWithValue("$created", now.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
        return (key, new KeyRecord(key.Id, tenant, now, null));
    }

    /// <summary>The active key the presented text names, or null when it is malformed, unknown, revoked or wrong.</summary>
    public KeyRecord? Authenticate(string? presented)
    {
        var key = presented is null ? null : ApiKey.TryParse(presented);
        if (key is null) return null;
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM keys WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", key.Id.Value);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
        {
            KeyHasher.Verify(DecoySalt, DecoyHash, key.Secret);
            return null;
        }
        var ok = KeyHasher.Verify((byte[])r["salt"], (byte[])r["hash"], key.Secret);
        var record = Read(r);
        return ok && record.IsActive ? record : null;
    }

    public KeyRecord? Find(KeyId id)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM keys WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id.Value);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    public IReadOnlyList<KeyRecord> List(bool includeRevoked = true)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = includeRevoked ? "SELECT * FROM keys ORDER BY created_at, id" : "SELECT * FROM keys WHERE revoked_at IS NULL ORDER BY created_at, id";
        using var r = cmd.ExecuteReader();
        var list = new List<KeyRecord>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    /// <summary>Revokes an active key; false when no active key has that id.</summary>
    public bool Revoke(KeyId id)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE keys SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
        cmd.Parameters.AddWithValue("$id", id.Value);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>Replaces an active key's guardrail modes (null: the server's); false when no active key has that id.
    /// Takes effect on the key's next request, which reads its record afresh.</summary>
    public bool SetGuardrails(KeyId id, IReadOnlyDictionary<string, GuardrailMode>? modes)
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE keys SET guardrails = $g WHERE id = $id AND revoked_at IS NULL";
        cmd.Parameters.AddWithValue("$id", id.Value);
        cmd.Parameters.AddWithValue("$g", GuardrailsText(modes));
        return cmd.ExecuteNonQuery() == 1;
    }

    public bool AnyActive()
    {
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM keys WHERE revoked_at IS NULL)";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private static KeyRecord Read(SqliteDataReader r)
    {
        var models = r.GetString(r.GetOrdinal("models"));
        var limits = new TenantLimits
        {
            RequestsPerMinute = Int(r, "rpm"),
            TokensPerMinute = Int(r, "tpm"),
            MaxConcurrent = Int(r, "max_concurrent"),
            TokensPerDay = Long(r, "tokens_per_day"),
            TokensPerMonth = Long(r, "tokens_per_month"),
            MaxBodyBytes = Long(r, "max_body_bytes"),
            MaxPromptTokens = Int(r, "max_prompt_tokens"),
            MaxN = Int(r, "max_n"),
            MaxTokens = Int(r, "max_tokens"),
            TimeoutSeconds = Int(r, "timeout_seconds"),
        };
        var g = r.GetOrdinal("guardrails");
        var tenant = new Tenant(r.GetString(r.GetOrdinal("tenant")), TenantRoles.Parse(r.GetString(r.GetOrdinal("role"))),
            models.Length == 0 ? [] : models.Split(','), limits) { Guardrails = r.IsDBNull(g) ? null : GuardrailModeSpec.Parse(r.GetString(g)) };
        var revoked = Long(r, "revoked_at");
        return new KeyRecord(new KeyId(r.GetString(r.GetOrdinal("id"))), tenant,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("created_at"))),
            revoked is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <summary>Stored as the canonical spec text (<c>injection=block,pii=redact</c>), which the CLI shows as is.</summary>
    private static object GuardrailsText(IReadOnlyDictionary<string, GuardrailMode>? modes) =>
        modes is null || modes.Count == 0 ? DBNull.Value : GuardrailModeSpec.Format(modes);

    private static long? Long(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt64(i);
    }

    private static int? Int(SqliteDataReader r, string column) => (int?)Long(r, column);
}
