using Gantry.Gateway.Routing;

namespace Gantry.Gateway.Tests.Routing;

public sealed class HashRingTests
{
    private static readonly string[] Members = ["a", "b", "c", "d", "e"];

    [Fact]
    public void Owner_RemovingOneMember_MovesOnlyItsKeys()
    {
        var full = new HashRing(Members);
        var less = new HashRing(Members.Where(m => m != "c").ToList());
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var key = (ulong)rng.NextInt64();
            var before = full.Members[full.Owner(key)];
            var after = less.Members[less.Owner(key)];
            if (before != "c") Assert.Equal(before, after);
        }
    }

    [Fact]
    public void Owner_SpreadsKeysOverMembers()
    {
        var ring = new HashRing(Members);
        var counts = new int[Members.Length];
        var rng = new Random(11);
        for (var i = 0; i < 10_000; i++) counts[ring.Owner((ulong)rng.NextInt64())]++;
        Assert.All(counts, c => Assert.InRange(c, 1200, 2800));
    }

    [Fact]
    public void Pick_OwnerAtCapacity_SpillsToTheNextMemberWithRoom()
    {
        var ring = new HashRing(Members);
        const ulong key = 12345;
        var owner = ring.Owner(key);
        var loads = new double[Members.Length];
        loads[owner] = 10;
        // capacity = ceil(1.25 × 11 / 5) = 3: the owner (10) is full, every other member has room.
        var pick = ring.Pick(key, loads, 1.25);
        Assert.NotEqual(owner, pick);
        Array.Fill(loads, 2);
        // total 10: capacity = ceil(1.25 × 11 / 5) = 3, so the owner (2) takes one more.
        Assert.Equal(owner, ring.Pick(key, loads, 1.25));
    }

    [Fact]
    public void Pick_WithSlack_KeepsAffinityAtLowLoad()
    {
        var ring = new HashRing(Members);
        const ulong key = 99;
        var owner = ring.Owner(key);
        var loads = new double[Members.Length];
        loads[owner] = 1;
        Assert.NotEqual(owner, ring.Pick(key, loads, 1.25));
        Assert.Equal(owner, ring.Pick(key, loads, 1.25, slack: 2));
    }

    [Fact]
    public void Pick_EmptyRing_IsMinusOne() => Assert.Equal(-1, new HashRing([]).Pick(1, [], 1.25));
}
