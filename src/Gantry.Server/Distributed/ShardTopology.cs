using Gantry.Models;
using Gantry.Models.Sharding;

namespace Gantry.Server.Distributed;

/// <summary>The workers that run one layer range: one whole stage, or its tensor shards in rank order.</summary>
internal sealed record StageGroup(LayerRange Layers, StageClient[] Shards)
{
    public bool IsSplit => Shards.Length > 1;
}

/// <summary>
/// Arranges workers by what each says it holds (its Configure reply), so they may be listed in any order: grouped by
/// layer range, the groups chained from block 0 to the last, each group's shards ranks 0..N-1 exactly once. Anything
/// else (a gap, an overlap, a missing or doubled rank, another model) is a misconfiguration reported as
/// unavailability, naming the worker.
/// </summary>
internal static class ShardTopology
{
    public static StageGroup[] Arrange(IReadOnlyList<(StageClient Client, StageShape Shape)> workers, ModelInfo info)
    {
        foreach (var (client, shape) in workers)
            if (shape.LayerCount != info.LayerCount || shape.EmbeddingLength != info.EmbeddingLength || shape.VocabSize != info.VocabSize)
                throw new ModelUnavailableException($"pipeline stage {client.Index} ({client.Address}) serves another model ({shape.LayerCount} layers, dim {shape.EmbeddingLength}, vocab {shape.VocabSize})");
        var groups = new List<StageGroup>();
        var expectedStart = 0;
        foreach (var range in workers.GroupBy(w => w.Shape.Layers).OrderBy(g => g.Key.Start))
        {
            var first = range.First();
            if (range.Key.Start != expectedStart)
                throw new ModelUnavailableException($"pipeline stage {first.Client.Index} ({first.Client.Address}) holds layers {range.Key}; the chain needs a stage starting at {expectedStart}");
            var count = first.Shape.Slice.Count;
            var shards = new StageClient?[count];
            foreach (var (client, shape) in range)
            {
                if (shape.Slice.Count != count)
                    throw new ModelUnavailableException($"worker {client.Index} ({client.Address}) is tensor shard {shape.Slice} of layers {range.Key}, where another is one of {count}");
                if (shards[shape.Slice.Rank] is { } twin)
                    throw new ModelUnavailableException($"workers {twin.Index} and {client.Index} are both tensor shard {shape.Slice} of layers {range.Key}");
                shards[shape.Slice.Rank] = client;
            }
            var missing = Array.IndexOf(shards, null);
            if (missing >= 0) throw new ModelUnavailableException($"layers {range.Key} have no tensor shard {missing}/{count}");
            groups.Add(new StageGroup(range.Key, shards!));
            expectedStart = range.Key.End;
        }
        if (expectedStart != info.LayerCount)
            throw new ModelUnavailableException($"the pipeline stages cover layers 0-{expectedStart}; the model has {info.LayerCount}");
        return [.. groups];
    }
}
