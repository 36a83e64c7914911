using System.Collections.Concurrent;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Microsoft.Data.Sqlite;

namespace Gantry.Security.Tests.Security.Audit;

/// <summary>The background audit writer: nothing lost, readers see what was written before them, failures reported.</summary>
public sealed class AuditWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static AuditRecord Rec(string id, string? key = null, int pt = 10, int ct = 20) =>
        new(T0, id, key, "acme", "m", "/v1/completions", pt, ct, 1.5, 200, null, "127.0.0.1");

    [Fact]
    public async Task Write_FromManyThreads_QuerySeesEveryRecordOnce()
    {
        using var dir = new TempStateDir();
        await using var writer = new AuditWriter(new AuditLog(dir.Open()), (_, e) => throw e);
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 250; i++) writer.Write(Rec($"{t}-{i}"));
        });
        var ids = writer.Query(new AuditQuery(DateTimeOffset.UnixEpoch, null, 10_000)).Select(r => r.RequestId).ToList();
        Assert.Equal(2000, ids.Count);
        Assert.Equal(2000, ids.Distinct().Count());
    }

    [Fact]
    public async Task Flush_ThenAnotherReader_SeesTheRecords()
    {
        using var dir = new TempStateDir();
        await using var writer = new AuditWriter(new AuditLog(dir.Open()), (_, e) => throw e);
        writer.Write(Rec("a", key: "0123456789ab", pt: 7, ct: 5));
        writer.Write(Rec("b", key: "0123456789ab", pt: 1, ct: 2));
        Assert.Equal(15, writer.TokensSince(new KeyId("0123456789ab"), T0.AddMinutes(-1)));
        Assert.Equal(2, new AuditLog(dir.Open()).Query(new AuditQuery(DateTimeOffset.UnixEpoch)).Count);
    }

    [Fact]
    public async Task Dispose_WritesEverythingQueued_AndWritesAfterItStillLand()
    {
        using var dir = new TempStateDir();
        var writer = new AuditWriter(new AuditLog(dir.Open()), (_, e) => throw e);
        for (var i = 0; i < 3000; i++) writer.Write(Rec($"r{i}"));
        await writer.DisposeAsync();
        writer.Write(Rec("late"));
        var ids = new AuditLog(dir.Open()).Query(new AuditQuery(DateTimeOffset.UnixEpoch, null, 10_000)).Select(r => r.RequestId).ToHashSet();
        Assert.Equal(3001, ids.Count);
        Assert.Contains("late", ids);
    }

    [Fact]
    public async Task Write_DatabaseRejectsIt_EachRecordReportedAndFlushReturns()
    {
        using var dir = new TempStateDir();
        var db = dir.Open();
        using (var c = db.Connect())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "DROP TABLE audit;";
            cmd.ExecuteNonQuery();
        }
        var failed = new ConcurrentBag<(string Id, Exception Error)>();
        await using var writer = new AuditWriter(new AuditLog(db), (r, e) => failed.Add((r.RequestId, e)));
        writer.Write(Rec("x"));
        writer.Write(Rec("y"));
        writer.Flush();
        Assert.Equal(["x", "y"], failed.Select(f => f.Id).Order());
        Assert.All(failed, f => Assert.IsType<SqliteException>(f.Error));
    }
}
