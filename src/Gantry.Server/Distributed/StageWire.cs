using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Models.Sharding;

namespace Gantry.Server.Distributed;

/// <summary>
/// Byte layouts of the stage protocol (little-endian; a stage rejects a message that does not add up):
/// <list type="bullet">
/// <item>Configure request: cacheId i64, blockSize i32, blockCount i32, kvType i32.</item>
/// <item>Configure reply: layerStart, layerEnd, layerCount, embeddingLength, vocabSize, tensorRank, tensorCount (i32 each).</item>
/// <item>Step request: cacheId i64, tokenCount i32, sequenceCount i32, hiddenFloats i32, activation type i32
/// (<see cref="ActivationWireType"/>); per sequence tokenCount, startPosition, blockTableLength, outputs (i32 each);
/// tokens i32[tokenCount]; block tables i32[Σ lengths]; hidden rows [hiddenFloats] in the activation type (empty for
/// the first stage).</item>
/// <item>Step reply: (tokenCount, dim) hidden rows in the request's activation type, or on the last stage
/// (outputCount, vocab) f32 logits; then the stage's compute time in nanoseconds (i64), so the leader can tell
/// transport from work.</item>
/// <item>TensorStep (a duplex stream, one per shard per step): the leader sends a Step request; the shard answers with
/// one (tokenCount, dim) partial sum in the activation type per all-reduce (two per block: attention, then feed-forward), each answered by
/// the leader with the sum over all shards; then the Step reply (the hidden rows from shard 0 only, others send none;
/// on the last stage each shard's share of the logits' columns), whose compute time leaves out the waits for sums.</item>
/// </list>
/// </summary>
public static class StageWire
{
    private const int StepHeaderBytes = 8 + 4 * 4;

    public static int EncodeConfigure(ref byte[] buffer, long cacheId, int blockSize, int blockCount, KvCacheType type)
    {
        Grow(ref buffer, 20);
        BinaryPrimitives.WriteInt64LittleEndian(buffer, cacheId);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), blockSize);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), blockCount);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(16), (int)type);
        return 20;
    }

    public static (long CacheId, int BlockSize, int BlockCount, KvCacheType Type) DecodeConfigure(ReadOnlySpan<byte> m)
    {
        if (m.Length != 20) throw new FormatException($"a Configure request has 20 bytes, not {m.Length}");
        var type = (KvCacheType)BinaryPrimitives.ReadInt32LittleEndian(m[16..]);
        if (!Enum.IsDefined(type)) throw new FormatException($"unknown KV cache type {(int)type}");
        return (BinaryPrimitives.ReadInt64LittleEndian(m), BinaryPrimitives.ReadInt32LittleEndian(m[8..]), BinaryPrimitives.ReadInt32LittleEndian(m[12..]), type);
    }

    public const int StageShapeBytes = 28;

    public static byte[] EncodeStageShape(LayerRange layers, int layerCount, int embeddingLength, int vocabSize, TensorSlice slice)
    {
        var bytes = new byte[StageShapeBytes];
        ReadOnlySpan<int> values = [layers.Start, layers.End, layerCount, embeddingLength, vocabSize, slice.Rank, slice.Count];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static StageShape DecodeStageShape(ReadOnlySpan<byte> m)
    {
        if (m.Length != StageShapeBytes) throw new FormatException($"a Configure reply has {StageShapeBytes} bytes, not {m.Length}");
        var v = MemoryMarshal.Cast<byte, int>(m);
        if (v[6] < 1 || v[5] < 0 || v[5] >= v[6]) throw new FormatException($"a Configure reply names tensor shard {v[5]}/{v[6]}");
        return new StageShape(new LayerRange(v[0], v[1]), v[2], v[3], v[4], new TensorSlice(v[5], v[6]));
    }

    /// <summary>Writes one step for a stage into <paramref name="buffer"/> (grown as needed); returns its length.</summary>
    public static int EncodeStep(ref byte[] buffer, long cacheId, ForwardBatch batch, ReadOnlySpan<float> hidden, ActivationWireType wire = ActivationWireType.F32)
    {
        var hiddenBytes = ActivationWire.ElementBytes(wire) * hidden.Length;
        var sequences = batch.Sequences;
        var tableInts = 0;
        foreach (var s in sequences) tableInts += s.BlockTableLength;
        var length = StepHeaderBytes + 4 * (4 * sequences.Length + batch.TokenCount + tableInts) + hiddenBytes;
        Grow(ref buffer, length);
        var span = buffer.AsSpan(0, length);
        BinaryPrimitives.WriteInt64LittleEndian(span, cacheId);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], batch.TokenCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], sequences.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], hidden.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], (int)wire);
        var ints = MemoryMarshal.Cast<byte, int>(span[StepHeaderBytes..(length - hiddenBytes)]);
        var at = 0;
        var outputRows = batch.OutputRows;
        var nextOutput = 0;
        foreach (var s in sequences)
        {
            // A sequence's output rows are its last tokens (ForwardBatch.Add), so a count says which.
            var outputs = 0;
            while (nextOutput < outputRows.Length && outputRows[nextOutput] < s.TokenStart + s.TokenCount) { outputs++; nextOutput++; }
            ints[at++] = s.TokenCount;
            ints[at++] = s.StartPosition;
            ints[at++] = s.BlockTableLength;
            ints[at++] = outputs;
        }
        batch.Tokens.CopyTo(ints[at..]);
        at += batch.TokenCount;
        foreach (var s in sequences)
        {
            batch.BlockTable(s).CopyTo(ints[at..]);
            at += s.BlockTableLength;
        }
        ActivationWire.Write(hidden, span[(length - hiddenBytes)..], wire);
        return length;
    }

    /// <summary>Rebuilds a step's batch into <paramref name="batch"/> (cleared first); returns its cache id, hidden rows (as bytes) and their type.</summary>
    public static (long CacheId, ReadOnlyMemory<byte> Hidden, ActivationWireType Wire) DecodeStep(byte[] message, ForwardBatch batch)
    {
        var m = message.AsSpan();
        if (m.Length < StepHeaderBytes) throw new FormatException("a Step request is shorter than its header");
        var cacheId = BinaryPrimitives.ReadInt64LittleEndian(m);
        var tokens = BinaryPrimitives.ReadInt32LittleEndian(m[8..]);
        var sequenceCount = BinaryPrimitives.ReadInt32LittleEndian(m[12..]);
        var hiddenFloats = BinaryPrimitives.ReadInt32LittleEndian(m[16..]);
        var wire = (ActivationWireType)BinaryPrimitives.ReadInt32LittleEndian(m[20..]);
        if (!Enum.IsDefined(wire)) throw new FormatException($"unknown activation type {(int)wire}");
        var element = ActivationWire.ElementBytes(wire);
        if (tokens < 0 || sequenceCount < 0 || hiddenFloats < 0 || (long)StepHeaderBytes + 4L * (4L * sequenceCount + tokens) + (long)element * hiddenFloats > m.Length)
            throw new FormatException("a Step request's counts do not fit its length");
        var hiddenStart = m.Length - element * hiddenFloats;
        var ints = MemoryMarshal.Cast<byte, int>(m[StepHeaderBytes..hiddenStart]);
        var tokenIds = ints.Slice(4 * sequenceCount, tokens);
        var tables = ints[(4 * sequenceCount + tokens)..];
        batch.Clear();
        int tokenAt = 0, tableAt = 0;
        for (var i = 0; i < sequenceCount; i++)
        {
            var count = ints[4 * i];
            var tableLength = ints[4 * i + 2];
            if (count <= 0 || tableLength < 0 || tokenAt + count > tokens || tableAt + tableLength > tables.Length)
                throw new FormatException($"sequence {i} of a Step request does not fit its token or block-table arrays");
            batch.Add(tokenIds.Slice(tokenAt, count), ints[4 * i + 1], tables.Slice(tableAt, tableLength), ints[4 * i + 3]);
            tokenAt += count;
            tableAt += tableLength;
        }
        if (tokenAt != tokens || tableAt != tables.Length) throw new FormatException("a Step request has tokens or block ids no sequence owns");
        return (cacheId, message.AsMemory(hiddenStart, element * hiddenFloats), wire);
    }

    /// <summary>
    /// Reads a Step reply of <paramref name="values"/>.Length values in <paramref name="wire"/> followed by the stage's
    /// compute time, which it returns (nanoseconds); a reply of another length fails the step.
    /// </summary>
    internal static long ReadStepReply(ReadOnlySpan<byte> reply, Span<float> values, ActivationWireType wire, StageClient stage)
    {
        var bytes = ActivationWire.ElementBytes(wire) * values.Length;
        if (reply.Length != bytes + 8)
            throw new ModelUnavailableException($"pipeline stage {stage.Index} ({stage.Address}) replied {reply.Length} bytes; expected {bytes + 8}");
        ActivationWire.Read(reply[..bytes], values, wire);
        return BinaryPrimitives.ReadInt64LittleEndian(reply[bytes..]);
    }

    private static void Grow(ref byte[] buffer, int needed)
    {
        if (buffer.Length < needed) buffer = new byte[Math.Max(needed, 2 * buffer.Length)];
    }
}

/// <summary>What a worker holds, as its Configure reply says: its layers and tensor shard of a model of that shape.</summary>
public readonly record struct StageShape(LayerRange Layers, int LayerCount, int EmbeddingLength, int VocabSize, TensorSlice Slice);
