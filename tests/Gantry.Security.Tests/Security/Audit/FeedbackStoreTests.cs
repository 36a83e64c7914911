using Gantry.Security.Audit;
using Gantry.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Tests.Security.Audit;

public sealed class FeedbackStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static AuditRecord Served(string id, string? version, DateTimeOffset time) =>
        new(time, id, "k1", "acme", "tiny", "/v1/completions", 5, 3, 10, 200, null, null, null, version);

    [Fact]
    public void FindServed_NewestRecordAVersionServed()
    {
        using var dir = new TempStateDir();
        var log = new AuditLog(dir.Open());
        log.AppendBatch([Served("req_a", "v1", T0), Served("req_a", "v2", T0.AddSeconds(1)), Served("req_b", null, T0)]);
        Assert.Equal("v2", log.FindServed("req_a")?.ModelVersion);
        Assert.Null(log.FindServed("req_b")); // refused before a version was picked
        Assert.Null(log.FindServed("req_none"));
    }

    [Fact]
    public void Upsert_ReplacesPerRequest_SummaryPerVersionSince()
    {
        using var dir = new TempStateDir();
        var store = new FeedbackStore(dir.Open());
        store.Upsert(new FeedbackRecord(T0, "r1", "k1", "acme", "tiny", "v1", 0, "bad"));
        store.Upsert(new FeedbackRecord(T0.AddSeconds(1), "r1", "k1", "acme", "tiny", "v1", 1, null));
        store.Upsert(new FeedbackRecord(T0.AddSeconds(2), "r2", "k1", "acme", "tiny", "v1", 0.5, "meh"));
        store.Upsert(new FeedbackRecord(T0.AddSeconds(3), "r3", "k1", "acme", "tiny", "v2", 0, null));
        Assert.Equal(new FeedbackSummary(2, 0.75), store.Summary("tiny", "v1", T0));
        Assert.Equal(new FeedbackSummary(1, 0.5), store.Summary("tiny", "v1", T0.AddSeconds(2)));
        Assert.Equal(new FeedbackSummary(1, 0), store.Summary("tiny", "v2", T0));
        Assert.Equal((1.0, (string?)null), (store.Find("r1")!.Score, store.Find("r1")!.Label));
    }

    [Fact]
    public void Open_AuditTableFromBeforeModelVersions_GainsTheColumn()
    {
        using var dir = new TempStateDir();
        new AuditLog(dir.Open()).Append(Served("req_old", null, T0));
        StateDatabase.ReleaseAll();
        using (var c = new SqliteConnection($"Data Source={Path.Combine(dir.Path, StateDatabase.FileName)};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE audit DROP COLUMN model_version";
            cmd.ExecuteNonQuery();
        }
        var log = new AuditLog(dir.Open());
        log.Append(Served("req_new", "v3", T0.AddSeconds(1)));
        var rows = log.Query(new AuditQuery(T0));
        Assert.Equal([("req_new", "v3"), ("req_old", (string?)null)], rows.Select(r => (r.RequestId, r.ModelVersion)));
    }
}
