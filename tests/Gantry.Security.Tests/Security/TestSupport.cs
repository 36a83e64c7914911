using Gantry.Security;
using Gantry.Security.Storage;

namespace Gantry.Security.Tests.Security;

/// <summary>A clock the test moves by hand (FakeTimeProvider is not in this package feed).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>A fresh state folder per test, deleted afterwards.</summary>
internal sealed class TempStateDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gantry-sec-").FullName;

    public StateDatabase Open() => StateDatabase.Open(Path);

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
