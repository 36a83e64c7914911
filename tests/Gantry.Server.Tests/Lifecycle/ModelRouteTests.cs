using Gantry.Server.Catalog;

namespace Gantry.Server.Tests.Lifecycle;

public sealed class ModelRouteTests
{
    private static ModelSlot Slot(string version) => new("m", version, null, null, 0);

    [Fact]
    public void Pick_Unsticky_MatchesWeightsWithinBinomialBound()
    {
        var (a, b) = (Slot("a"), Slot("b"));
        var route = new ModelRoute("m", [new RouteEntry(a, 80), new RouteEntry(b, 20)]);
        const int n = 20_000;
        var hitsB = Enumerable.Range(0, n).Count(_ => route.Pick(null, null) == b);
        var sd = Math.Sqrt(n * 0.2 * 0.8);
        Assert.InRange(hitsB, n * 0.2 - 4.5 * sd, n * 0.2 + 4.5 * sd);
    }

    [Fact]
    public void Pick_StickyByUser_SameVersionEveryTime_AndSplitMatchesWeights()
    {
        var (a, b) = (Slot("a"), Slot("b"));
        var route = new ModelRoute("m", [new RouteEntry(a, 30), new RouteEntry(b, 70)], null, StickyMode.User);
        var again = new ModelRoute("m", [new RouteEntry(Slot("a"), 30), new RouteEntry(Slot("b"), 70)], null, StickyMode.User); // a "restart"
        var users = Enumerable.Range(0, 5000).Select(i => $"user-{i}").ToList();
        foreach (var u in users.Take(200))
        {
            var first = route.Pick(u, null).Version;
            Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first, route.Pick(u, "key").Version));
            Assert.Equal(first, again.Pick(u, null).Version);
        }
        var onA = users.Count(u => route.Pick(u, null) == a);
        var sd = Math.Sqrt(users.Count * 0.3 * 0.7);
        Assert.InRange(onA, users.Count * 0.3 - 4.5 * sd, users.Count * 0.3 + 4.5 * sd);
    }

    [Fact]
    public void Pick_StickyCanaryGrows_UsersOnTheCandidateStayOnIt()
    {
        var (stable, candidate) = (Slot("stable"), Slot("candidate"));
        ModelRoute At(int w) => new("m", [new RouteEntry(candidate, w), new RouteEntry(stable, 100 - w)], null, StickyMode.User);
        var users = Enumerable.Range(0, 2000).Select(i => $"u{i}").ToList();
        var early = users.Where(u => At(5).Pick(u, null) == candidate).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, u => Assert.Equal(candidate, At(25).Pick(u, null)));
    }

    [Fact]
    public void Pick_StickyByKey_IgnoresUser_FallsBackToDraw()
    {
        var route = new ModelRoute("m", [new RouteEntry(Slot("a"), 50), new RouteEntry(Slot("b"), 50)], null, StickyMode.Key);
        var first = route.Pick("u1", "key-1").Version;
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(first, route.Pick($"other-{i}", "key-1").Version));
    }

    [Fact]
    public void New_BadWeights_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ModelRoute("m", []));
        Assert.Throws<ArgumentException>(() => new ModelRoute("m", [new RouteEntry(Slot("a"), 0)]));
        Assert.Throws<ArgumentException>(() => new ModelRoute("m", [new RouteEntry(Slot("a"), -1), new RouteEntry(Slot("b"), 5)]));
    }
}
