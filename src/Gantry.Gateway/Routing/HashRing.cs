using Gantry.Models;

namespace Gantry.Gateway.Routing;

/// <summary>
/// A consistent-hash ring with bounded loads (Mirrokni, Thorup, Zadimoghaddam 2018): each member owns
/// <see cref="VirtualNodes"/> points; a key walks clockwise from its point to the first member whose load is below
/// ⌈bound × (total load + 1) / members⌉ + slack. Keys keep their member while it has room (cache affinity), no member takes more
/// than the bound times the mean, and adding or removing a member moves only the keys it owned. Immutable.
/// </summary>
public sealed class HashRing
{
    public const int VirtualNodes = 64;

    private readonly ulong[] _points;   // (members × VirtualNodes) sorted
    private readonly int[] _owners;     // (members × VirtualNodes) member index of each point

    public HashRing(IReadOnlyList<string> members)
    {
        Members = members;
        var pairs = new List<(ulong Point, int Owner)>(members.Count * VirtualNodes);
        for (var m = 0; m < members.Count; m++)
        {
            var seed = Fnv(members[m]);
            for (var v = 0; v < VirtualNodes; v++) pairs.Add((SplitMix64.Mix(seed + (ulong)v * SplitMix64.Gamma), m));
        }
        pairs.Sort((a, b) => a.Point.CompareTo(b.Point));
        _points = pairs.Select(p => p.Point).ToArray();
        _owners = pairs.Select(p => p.Owner).ToArray();
    }

    public IReadOnlyList<string> Members { get; }

    /// <summary>The member owning <paramref name="key"/> when loads are ignored; -1 for an empty ring.</summary>
    public int Owner(ulong key) => Pick(key, null, double.PositiveInfinity);

    /// <summary>
    /// The first member clockwise from <paramref name="key"/> whose load is under the bound; -1 for an empty ring.
    /// <paramref name="loads"/> is indexed like <see cref="Members"/>.
    /// </summary>
    /// The slack (a few requests) keeps a replica's affinity at low load, where the bare formula would spill the second of
    /// two concurrent requests; a batching engine takes a few more requests at almost no cost.
    public int Pick(ulong key, ReadOnlySpan<double> loads, double bound, double slack = 0)
    {
        if (_points.Length == 0) return -1;
        var capacity = double.PositiveInfinity;
        if (!loads.IsEmpty && double.IsFinite(bound))
        {
            double total = 0;
            foreach (var l in loads) total += l;
            capacity = Math.Ceiling(bound * (total + 1) / Members.Count) + slack;
        }
        var mixed = SplitMix64.Mix(key);
        var start = Array.BinarySearch(_points, mixed);
        if (start < 0) start = ~start;
        for (var i = 0; i < _points.Length; i++)
        {
            var owner = _owners[(start + i) % _points.Length];
            if (loads.IsEmpty || loads[owner] + 1 <= capacity) return owner;
        }
        return _owners[start % _points.Length];
    }

    private static ulong Fnv(string s)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return h;
    }
}
