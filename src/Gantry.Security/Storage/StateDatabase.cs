using Microsoft.Data.Sqlite;

namespace Gantry.Security.Storage;

/// <summary>
/// The SQLite file under <c>--state-dir</c> that holds keys, the audit log with its feedback, and the model registry. Each operation opens a pooled connection,
/// so the key store and audit log can be used from any thread and by the CLI while a server runs (WAL mode).
/// </summary>
public sealed class StateDatabase
{
    public const string FileName = "gantry-state.db";

    private readonly string _connectionString;

    public string Path { get; }

    private StateDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    /// <summary>The default state folder: <c>gantry</c> under the user's local data folder.</summary>
    public static string DefaultDirectory() =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "gantry");

    public static StateDatabase Open(string? stateDir)
    {
        var dir = string.IsNullOrEmpty(stateDir) ? DefaultDirectory() : stateDir;
        // Owner-only where the OS has modes: the file holds key hashes and the audit log.
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var db = new StateDatabase(System.IO.Path.Combine(dir, FileName));
        using var c = db.Connect();
        Execute(c, "PRAGMA journal_mode=WAL;");
        Execute(c, Schema);
        Migrate(c);
        return db;
    }

    public SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, "PRAGMA busy_timeout=5000;");
        return c;
    }

    /// <summary>Drops pooled connections so the file can be read raw or deleted (tests, shutdown).</summary>
    public static void ReleaseAll() => SqliteConnection.ClearAllPools();

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Brings a database made by an older Gantry up to <see cref="Schema"/>: columns added since are added with
    /// NULL in existing rows (a key without guardrail modes uses the server's; an old audit row has no model version). Idempotent, and safe when another
    /// process migrates the same file at the same moment.
    /// </summary>
    private static void Migrate(SqliteConnection c)
    {
        AddColumn(c, "keys", "guardrails");
        AddColumn(c, "audit", "model_version");
        foreach (var cost in CostColumns) AddColumn(c, "audit", cost, "REAL");
    }

    /// <summary>An audit row's cost (see <c>RequestCost</c>); NULL in rows of requests that generated nothing.</summary>
    private static readonly string[] CostColumns = ["flops", "bytes_read", "cpu_seconds", "joules", "grams_co2e", "price"];

    private static void AddColumn(SqliteConnection c, string table, string column, string type = "TEXT")
    {
        if (HasColumn(c, table, column)) return;
        try
        {
            Execute(c, $"ALTER TABLE {table} ADD COLUMN {column} {type};");
        }
        catch (SqliteException) when (HasColumn(c, table, column))
        {
            // Another process added it first.
        }
    }

    private static bool HasColumn(SqliteConnection c, string table, string column)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        cmd.Parameters.AddWithValue("$table", table);
        cmd.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS keys (
            id TEXT PRIMARY KEY,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            tenant TEXT NOT NULL,
            role TEXT NOT NULL,
            models TEXT NOT NULL,
            rpm INTEGER, tpm INTEGER, max_concurrent INTEGER, tokens_per_day INTEGER, tokens_per_month INTEGER,
            max_body_bytes INTEGER, max_prompt_tokens INTEGER, max_n INTEGER, max_tokens INTEGER, timeout_seconds INTEGER,
            guardrails TEXT,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE TABLE IF NOT EXISTS audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            key_id TEXT,
            tenant TEXT,
            model TEXT,
            endpoint TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            latency_ms REAL NOT NULL,
            status INTEGER NOT NULL,
            guardrails TEXT,
            client TEXT,
            prompt TEXT,
            model_version TEXT,
            flops REAL, bytes_read REAL, cpu_seconds REAL, joules REAL, grams_co2e REAL, price REAL
        );
        CREATE INDEX IF NOT EXISTS audit_time ON audit(time);
        CREATE INDEX IF NOT EXISTS audit_key_time ON audit(key_id, time);
        CREATE INDEX IF NOT EXISTS audit_request ON audit(request_id);
        CREATE TABLE IF NOT EXISTS feedback (
            request_id TEXT PRIMARY KEY,
            time INTEGER NOT NULL,
            key_id TEXT,
            tenant TEXT,
            model TEXT,
            model_version TEXT,
            score REAL NOT NULL,
            label TEXT
        );
        CREATE INDEX IF NOT EXISTS feedback_version ON feedback(model, model_version, time);
        """;
}
