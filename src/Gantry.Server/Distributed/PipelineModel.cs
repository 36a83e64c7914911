using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;

namespace Gantry.Server.Distributed;

/// <summary>
/// A model whose blocks run on remote workers (<c>gantry worker</c>) — pipeline stages, each whole or split into
/// tensor-parallel shards (<see cref="TensorGroupStep"/>) — seen by the engine as any other
/// <see cref="ILanguageModel"/>: scheduling, sampling, block tables, prefix cache, chunked prefill, preemption and
/// speculation stay in the leader unchanged. Each step the leader sends the batch (tokens, positions, block tables)
/// to stage 0, which embeds and runs its blocks; the hidden rows it returns go on to stage 1 with the same batch, and
/// so on; the last stage returns the logits. The leader maps the file only for its metadata and tokenizer.
/// Stages get a fresh KV cache under a new cache id whenever the leader (re)connects: after any failure the engine
/// drops every request and its prefix cache (<see cref="ModelUnavailableException"/>), and the next step
/// reconfigures every stage, so a restarted worker never serves keys it does not have.
/// Engine-loop thread only.
/// </summary>
public sealed class PipelineModel : ILanguageModel
{
    private readonly GgufFile _file;
    private readonly StageClient[] _stages;
    private readonly TimeSpan _timeout;
    private readonly PipelineTransport _transport;
    private readonly TensorGroupStep _tensorStep = new();
    private readonly PipelinedStep _pipelinedStep = new();
    private StageGroup[] _groups = [];
    private (int BlockSize, int BlockCount, KvCacheType Type)? _cacheShape;
    private bool _configured;
    private long _cacheId;
    private byte[] _request = new byte[4096];
    private float[] _hidden = [];
    private StageClient[] _wholeStages = [];

    /// <param name="file">The same GGUF file the stages load (for metadata and tokenizer); the model owns it.</param>
    /// <param name="transport">Micro-batches and activation type; null takes the defaults.</param>
    public PipelineModel(GgufFile file, IReadOnlyList<Uri> stages, TimeSpan timeout, PipelineTransport? transport = null)
    {
        if (stages.Count == 0) throw new ArgumentException("a pipeline needs at least one stage", nameof(stages));
        _file = file;
        _timeout = timeout;
        _transport = transport ?? new PipelineTransport();
        if (_transport.MicroBatches < 0) throw new ArgumentOutOfRangeException(nameof(transport), $"micro-batches must not be negative (got {_transport.MicroBatches})");
        Info = ModelLoader.ReadInfo(file);
        Tokenizer = TokenizerFactory.FromGguf(file.Metadata);
        _stages = stages.Select((u, i) => new StageClient(u, i)).ToArray();
    }

    /// <summary>
    /// Builds a pipeline model as its interface. Callers that only sometimes pipeline call this rather than the
    /// constructor, so compiling them does not load this type (and the gRPC client behind it) when they do not.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static ILanguageModel Create(GgufFile file, IReadOnlyList<Uri> stages, TimeSpan timeout, PipelineTransport? transport = null) =>
        new PipelineModel(file, stages, timeout, transport);

    public ModelInfo Info { get; }

    public ITokenizer Tokenizer { get; }

    public IReadOnlyList<Uri> Stages => _stages.Select(s => s.Address).ToArray();

    /// <summary>Cumulative step timings and traffic (benchmarks read them between runs).</summary>
    public PipelineCounters Counters { get; } = new();

    /// <summary>
    /// Remembers the cache shape for the stages (each allocates <paramref name="blockCount"/> blocks of its own layers
    /// when configured) and returns a one-block placeholder: the leader itself holds no keys.
    /// </summary>
    public KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type)
    {
        _cacheShape = (blockSize, blockCount, type);
        _configured = false;
        return new KvCacheStorage(1, Info.KvDim, Info.HeadDim, blockSize, 1, type);
    }

    /// <summary>
    /// Configures every stage until all answer or <paramref name="timeout"/> passes (startup: workers may still be
    /// loading). Returns null when ready, else the last stage's failure. <paramref name="gone"/>, when it returns a
    /// reason, stops the wait early (a local worker that already exited, e.g. refusing a split, will never answer).
    /// </summary>
    public string? WaitUntilReady(TimeSpan timeout, Func<string?>? gone = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                Configure();
                return null;
            }
            catch (ModelUnavailableException e)
            {
                if (gone?.Invoke() is { } reason) return reason;
                if (Stopwatch.GetTimestamp() > deadline) return e.Message;
                Thread.Sleep(200);
            }
        }
    }

    public void Forward(ForwardBatch batch, KvCacheStorage cache, Span<float> logits)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_configured) Configure();
        try
        {
            RunStages(batch, logits);
        }
        catch (ModelUnavailableException)
        {
            _configured = false; // every stage gets a fresh cache id before the next step
            throw;
        }
        Counters.Steps++;
        Counters.StepSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        Counters.Tokens += batch.TokenCount;
    }

    public void Dispose()
    {
        foreach (var s in _stages) s.Dispose();
        _file.Dispose();
    }

    private void RunStages(ForwardBatch batch, Span<float> logits)
    {
        var wire = _transport.Activations;
        if (_groups.Length > 1 && MicroBatchTarget is var target and > 1 && _groups.All(g => !g.IsSplit))
        {
            if (_wholeStages.Length != _groups.Length) _wholeStages = _groups.Select(g => g.Shards[0]).ToArray();
            if (_pipelinedStep.TryRun(_wholeStages, _cacheId, batch, target, wire, Info, logits, _timeout, Counters)) return;
        }
        var n = batch.TokenCount;
        var dim = Info.EmbeddingLength;
        if (_hidden.Length < n * dim) _hidden = new float[Math.Max(n * dim, 2 * _hidden.Length)];
        var hidden = ReadOnlySpan<float>.Empty; // stage 0 embeds the tokens itself
        for (var i = 0; i < _groups.Length; i++)
        {
            var last = i == _groups.Length - 1;
            var length = StageWire.EncodeStep(ref _request, _cacheId, batch, hidden, wire);
            var group = _groups[i];
            Counters.ActivationBytes += (long)group.Shards.Length * hidden.Length * ActivationWire.ElementBytes(wire);
            if (group.IsSplit)
            {
                _tensorStep.Run(group, new StagePayload(_request, length), n, dim, last, batch.OutputCount, Info.VocabSize, _hidden, logits, _timeout, Counters, wire);
                hidden = _hidden.AsSpan(0, n * dim);
                continue;
            }
            var stage = group.Shards[0];
            var reply = stage.Call(StageProtocol.Step, new StagePayload(_request, length), _timeout);
            var nanos = last
                ? StageWire.ReadStepReply(reply.Span, logits[..(batch.OutputCount * Info.VocabSize)], ActivationWireType.F32, stage)
                : StageWire.ReadStepReply(reply.Span, _hidden.AsSpan(0, n * dim), wire, stage);
            Counters.BytesSent += length;
            Counters.BytesReceived += reply.Length;
            if (!last) Counters.ActivationBytes += reply.Length - 8;
            Counters.StageComputeSeconds += nanos / 1e9;
            Counters.CriticalComputeSeconds += nanos / 1e9;
            if (!last) hidden = _hidden.AsSpan(0, n * dim);
        }
    }

    /// <summary>
    /// Micro-batches a step is cut into (at most): as configured, by default one per stage; 1 where cutting could
    /// change results (a mixture-of-experts layer groups the batch's tokens by expert, so a part's rows would meet
    /// other kernels).
    /// </summary>
    private int MicroBatchTarget => Info.ExpertCount > 0 ? 1 : _transport.MicroBatches == 0 ? _groups.Length : _transport.MicroBatches;

    /// <summary>
    /// Gives every worker a fresh KV cache under a new id and arranges them by what each holds
    /// (<see cref="ShardTopology"/>): stages chained from block 0 to the last, each whole or split into tensor shards.
    /// </summary>
    private void Configure()
    {
        var shape = _cacheShape ?? throw new InvalidOperationException("CreateKvCache must run before the first step");
        _cacheId = Random.Shared.NextInt64(1, long.MaxValue);
        var buffer = new byte[32];
        var workers = new List<(StageClient, StageShape)>();
        foreach (var stage in _stages)
        {
            var length = StageWire.EncodeConfigure(ref buffer, _cacheId, shape.BlockSize, shape.BlockCount, shape.Type);
            var reply = stage.Call(StageProtocol.Configure, new StagePayload(buffer, length), _timeout);
            StageShape held;
            try
            {
                held = StageWire.DecodeStageShape(reply.Span);
            }
            catch (FormatException e)
            {
                throw new ModelUnavailableException($"pipeline stage {stage.Index} ({stage.Address}) answered Configure oddly: {e.Message}", e);
            }
            workers.Add((stage, held));
        }
        _groups = ShardTopology.Arrange(workers, Info);
        _wholeStages = [];
        _configured = true;
    }
}

/// <summary>What a <see cref="PipelineModel"/> did so far: steps, their wall time, the stages' compute time and the bytes moved.</summary>
public sealed class PipelineCounters
{
    public long Steps { get; set; }
    public long Tokens { get; set; }
    public double StepSeconds { get; set; }

    /// <summary>Compute time summed over every stage call (a tensor group counts its slowest shard): the work done.</summary>
    public double StageComputeSeconds { get; set; }

    /// <summary>
    /// The compute on each step's critical path: the same as <see cref="StageComputeSeconds"/> when stages run one
    /// after another; with micro-batches in flight, the longest chain of stage calls that wait on each other. Step
    /// time minus this is what transport and synchronisation cost.
    /// </summary>
    public double CriticalComputeSeconds { get; set; }

    public long BytesSent { get; set; }
    public long BytesReceived { get; set; }

    /// <summary>Of the bytes moved, those of activations (hidden rows, partial and all-reduced sums), in either direction.</summary>
    public long ActivationBytes { get; set; }

    /// <summary>Micro-batches run by steps that were cut (steps run whole add nothing).</summary>
    public long MicroBatches { get; set; }
}

/// <summary>How a <see cref="PipelineModel"/> moves a step through its stages.</summary>
public sealed record PipelineTransport
{
    /// <summary>
    /// Micro-batches a step of whole stages is cut into, at most, so the stages work side by side (<c>0</c>: one per
    /// stage; <c>1</c>: off, stages one after another). Results are the same either way (<see cref="MicroBatchPlan"/>).
    /// </summary>
    public int MicroBatches { get; init; }

    /// <summary>How activations cross the wire; F16 halves their bytes and moves results slightly.</summary>
    public ActivationWireType Activations { get; init; } = ActivationWireType.F32;
}
