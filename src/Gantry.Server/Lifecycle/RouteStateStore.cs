using System.Text.Json;
using Gantry.Security.Storage;

namespace Gantry.Server.Lifecycle;

/// <summary>A route's traffic configuration as persisted: a fixed split (<see cref="Versions"/>, sticky mode, shadow) or a canary.</summary>
public sealed record PersistedRoute(string Name, string Kind, IReadOnlyList<SplitEntry>? Versions = null, string Sticky = "none", string? Shadow = null,
    PersistedCanary? Canary = null)
{
    public const string SplitKind = "split";
    public const string CanaryKind = "canary";
}

/// <summary>A canary as persisted: its versions, steps and the step it had reached, its objectives, and how it ended (if it did).</summary>
public sealed record PersistedCanary(string Stable, string Candidate, IReadOnlyList<int> Steps, int StepIndex, int? StepSeconds,
    RolloutObjectives Objectives, string State, string? Reason);

/// <summary>
/// The traffic configuration of each route (splits and canaries), one row per public model name in the state database
/// under <c>--state-dir</c> (a JSON document per row, written on every change): what a restarted server resumes.
/// A swap, load or unload of the name deletes its row (plain serving has nothing to resume). Thread-safe.
/// </summary>
public sealed class RouteStateStore
{
    private readonly StateDatabase _db;

    public RouteStateStore(StateDatabase db)
    {
        _db = db;
        using var c = db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE TABLE IF NOT EXISTS model_routes (name TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at INTEGER NOT NULL);";
        cmd.ExecuteNonQuery();
    }

    public void Save(PersistedRoute route)
    {
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO model_routes (name, state, updated_at) VALUES ($name, $state, $at)
            ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """;
        cmd.Parameters.AddWithValue("$name", route.Name);
        cmd.Parameters.AddWithValue("$state", JsonSerializer.Serialize(route, LifecycleJson.Default.PersistedRoute));
        cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
    }

    public void Remove(string name)
    {
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM model_routes WHERE name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Every persisted route; a row that no longer parses (written by another build) is skipped.</summary>
    public IReadOnlyList<PersistedRoute> List()
    {
        using var c = _db.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state FROM model_routes ORDER BY name";
        using var r = cmd.ExecuteReader();
        var list = new List<PersistedRoute>();
        while (r.Read())
        {
            try
            {
                if (JsonSerializer.Deserialize(r.GetString(0), LifecycleJson.Default.PersistedRoute) is { } route) list.Add(route);
            }
            catch (JsonException)
            {
                // not resumable; the next change of that route overwrites it
            }
        }
        return list;
    }
}
