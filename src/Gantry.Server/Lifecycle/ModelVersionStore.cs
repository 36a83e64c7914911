using System.Globalization;
using Gantry.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// The model registry: a table of <see cref="ModelVersion"/>s in the state database under <c>--state-dir</c> (the same
/// SQLite file as keys and the audit log, WAL mode, so the CLI can edit it while a server runs). A (name, version)
/// pair is unique. Thread-safe (a pooled connection per call).
/// </summary>
public sealed class ModelVersionStore
{
    private readonly StateDatabase _db;

    public ModelVersionStore(StateDatabase db)
    {
        _db = db;
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = Schema;
        cmd.ExecuteNonQuery();
    }

    public static ModelVersionStore Open(string? stateDir) => new(StateDatabase.Open(stateDir));

    public string DatabasePath => _db.Path;

    /// <summary>Adds a version; throws <see cref="ModelLifecycleException"/> (409) when the pair exists.</summary>
    public void Add(ModelVersion v)
    {
        Check(v.Name, v.Version);
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO model_versions (name, version, path, sha256, architecture, quantization, size_bytes, created_at, notes)
            VALUES ($name, $version, $path, $sha, $arch, $quant, $size, $created, $notes)
            """;
        cmd.Parameters.AddWithValue("$name", v.Name);
        cmd.Parameters.AddWithValue("$version", v.Version);
        cmd.Parameters.AddWithValue("$path", v.Path);
        cmd.Parameters.AddWithValue("$sha", v.Sha256);
        cmd.Parameters.AddWithValue("$arch", v.Architecture);
        cmd.Parameters.AddWithValue("$quant", v.Quantization);
        cmd.Parameters.AddWithValue("$size", v.SizeBytes);
        cmd.Parameters.AddWithValue("$created", v.CreatedAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$notes", (object?)v.Notes ?? DBNull.Value);
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the pair exists
        {
            throw ModelLifecycleException.Conflict($"model '{v.Name}' already has a version '{v.Version}'", "version");
        }
    }

    /// <summary>The versions of <paramref name="name"/> (all names when null), oldest first.</summary>
    public IReadOnlyList<ModelVersion> List(string? name = null)
    {
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM model_versions WHERE $name IS NULL OR name = $name ORDER BY name, created_at, seq";
        cmd.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<ModelVersion>();
        while (r.Read())
        {
            var notes = r.GetOrdinal("notes");
            list.Add(new ModelVersion(r.GetString(r.GetOrdinal("name")), r.GetString(r.GetOrdinal("version")), r.GetString(r.GetOrdinal("path")),
                r.GetString(r.GetOrdinal("sha256")), r.GetString(r.GetOrdinal("architecture")), r.GetString(r.GetOrdinal("quantization")),
                r.GetInt64(r.GetOrdinal("size_bytes")), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("created_at"))),
                r.IsDBNull(notes) ? null : r.GetString(notes)));
        }
        return list;
    }

    public ModelVersion? Find(string name, string version) => List(name).FirstOrDefault(v => v.Version == version);

    /// <summary>Removes a version; false when it was not registered.</summary>
    public bool Remove(string name, string version)
    {
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM model_versions WHERE name = $name AND version = $version";
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$version", version);
        return cmd.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// The version of <paramref name="name"/> already recorded for this exact file (same path, size and hash), else a
    /// new one labelled <c>v{N+1}</c> after the name's N versions: how a server started with <c>--model</c> registers what
    /// it serves without making a new version on every restart. <paramref name="inspect"/> reads the file (given the label a
    /// new version would get); <paramref name="path"/> is as recorded (full path, or a built-in spec).
    /// </summary>
    public ModelVersion Ensure(string name, string path, long size, Func<string, ModelVersion> inspect)
    {
        var full = path;
        var existing = List(name);
        var candidate = existing.FirstOrDefault(v => v.Path == full && v.SizeBytes == size); // the oldest label of this file: stable across restarts
        var fresh = inspect(NextLabel(existing));
        if (candidate is not null && candidate.Sha256 == fresh.Sha256) return candidate;
        var same = existing.FirstOrDefault(v => v.Sha256 == fresh.Sha256);
        if (same is not null) return same;
        Add(fresh);
        return fresh;
    }

    private static string NextLabel(IReadOnlyList<ModelVersion> existing)
    {
        for (var n = existing.Count + 1; ; n++)
        {
            var label = "v" + n.ToString(CultureInfo.InvariantCulture);
            if (existing.All(v => v.Version != label)) return label;
        }
    }

    /// <summary>Names and labels: 1–128 characters, no control characters, no '/' (they appear in URL paths).</summary>
    public static void Check(string name, string version)
    {
        CheckLabel(name, "name");
        CheckLabel(version, "version");
    }

    private static void CheckLabel(string text, string param)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 128 || text.Any(ch => char.IsControl(ch) || ch == '/'))
            throw ModelLifecycleException.Invalid($"'{param}' must be 1-128 characters without '/' or control characters", param);
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS model_versions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            architecture TEXT NOT NULL,
            quantization TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            notes TEXT,
            UNIQUE (name, version)
        );
        """;
}
