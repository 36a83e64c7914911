using Gantry.Models.Attention;
using Gantry.Server.Distributed;

namespace Gantry.Server.Tests.Distributed;

public sealed class StageWireTests
{
    [Fact]
    public void EncodeStep_DecodeStep_RoundTripsBatchAndHidden()
    {
        var batch = new ForwardBatch();
        batch.Add([1, 2, 3], 5, [4, 9], 1);
        batch.Add([7], 0, [2], 1);
        batch.Add([8, 9, 10, 11], 16, [0, 3], 0);
        float[] hidden = [.. Enumerable.Range(0, 8 * 3).Select(i => i * 0.5f)];
        var buffer = Array.Empty<byte>();
        var length = StageWire.EncodeStep(ref buffer, 42, batch, hidden);

        var decoded = new ForwardBatch();
        var (cacheId, bytes, wire) = StageWire.DecodeStep(buffer.AsSpan(0, length).ToArray(), decoded);
        Assert.Equal(42, cacheId);
        Assert.Equal(ActivationWireType.F32, wire);
        Assert.Equal(batch.Tokens.ToArray(), decoded.Tokens.ToArray());
        Assert.Equal(batch.Positions.ToArray(), decoded.Positions.ToArray());
        Assert.Equal(batch.OutputRows.ToArray(), decoded.OutputRows.ToArray());
        Assert.Equal(batch.Sequences.ToArray(), decoded.Sequences.ToArray());
        for (var s = 0; s < batch.Sequences.Length; s++)
            Assert.Equal(batch.BlockTable(batch.Sequences[s]).ToArray(), decoded.BlockTable(decoded.Sequences[s]).ToArray());
        Assert.Equal(hidden, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.Span).ToArray());
    }

    [Fact]
    public void EncodeStep_F16_HalvesHiddenBytesAndRoundsToHalf()
    {
        var batch = new ForwardBatch();
        batch.Add([1, 2, 3], 5, [4, 9], 1);
        float[] hidden = [.. Enumerable.Range(0, 3 * 64).Select(i => MathF.Sin(i) * 3.7f)];
        var buffer = Array.Empty<byte>();
        var f32 = StageWire.EncodeStep(ref buffer, 7, batch, hidden);
        var f16 = StageWire.EncodeStep(ref buffer, 7, batch, hidden, ActivationWireType.F16);
        Assert.Equal(2 * hidden.Length, f32 - f16);

        var (_, bytes, wire) = StageWire.DecodeStep(buffer.AsSpan(0, f16).ToArray(), new ForwardBatch());
        Assert.Equal(ActivationWireType.F16, wire);
        var back = new float[hidden.Length];
        ActivationWire.Read(bytes.Span, back, wire);
        for (var i = 0; i < hidden.Length; i++) Assert.Equal((float)(Half)hidden[i], back[i]);
    }

    [Fact]
    public void DecodeStep_CountsBeyondLength_ThrowsFormatException()
    {
        var batch = new ForwardBatch();
        batch.Add([1, 2], 0, [0], 1);
        var buffer = Array.Empty<byte>();
        var length = StageWire.EncodeStep(ref buffer, 1, batch, []);
        Assert.Throws<FormatException>(() => StageWire.DecodeStep(buffer.AsSpan(0, length - 4).ToArray(), new ForwardBatch()));
    }

    [Fact]
    public void EncodeStageShape_DecodeStageShape_RoundTripsLayersAndShard()
    {
        var bytes = StageWire.EncodeStageShape(new Gantry.Models.Sharding.LayerRange(2, 5), 8, 256, 4096, new Gantry.Models.Sharding.TensorSlice(1, 2));
        var shape = StageWire.DecodeStageShape(bytes);
        Assert.Equal(new StageShape(new(2, 5), 8, 256, 4096, new(1, 2)), shape);
    }
}
