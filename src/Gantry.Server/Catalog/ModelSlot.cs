using System.Diagnostics;

namespace Gantry.Server.Catalog;

/// <summary>
/// One version of a public model name, loaded or loadable, and the requests holding it. A request enters (a lease)
/// before it touches the engine and exits when its response is done, so the slot always knows whether anyone still
/// uses its engine. Three things end a loaded engine's life, each only when no lease is held:
/// <list type="bullet">
/// <item>retirement (a swap replaced it, or it was unloaded): in-flight requests finish on it, then it is freed and never used again;</item>
/// <item>an idle unload (scale to zero): it is freed and the next request reloads it through <see cref="Reloader"/>;</item>
/// <item>server shutdown.</item>
/// </list>
/// All state changes happen under one lock held for a few instructions; loading and freeing run outside it.
/// Thread-safe; one per (name, version) while routed.
/// </summary>
public sealed class ModelSlot
{
    private readonly object _gate = new();
    private ServedModel? _model;
    private int _leases;
    private bool _retired;
    private long _lastUsed = Stopwatch.GetTimestamp();
    private Task? _loading;
    private TaskCompletionSource? _freed;

    /// <param name="model">The loaded model, or null for a slot that loads on first use.</param>
    internal ModelSlot(string name, string version, ServedModel? model, Func<ServedModel>? reloader, long memoryBytes)
    {
        Name = name;
        Version = version;
        _model = model;
        Reloader = reloader;
        MemoryBytes = model?.MemoryBytes ?? memoryBytes;
        if (model is not null) Remember(model);
    }

    public enum EnterResult { Entered, Unloaded, Retired }

    public string Name { get; }

    public string Version { get; }

    /// <summary>Loads the version again after an idle unload; null when the slot cannot reload (a custom loader's model).</summary>
    internal Func<ServedModel>? Reloader { get; }

    /// <summary>Told how long each reload (cold start) took.</summary>
    internal Action<ModelSlot, TimeSpan>? ColdStarted { get; set; }

    /// <summary>Told when the slot freed its engine: (slot, reason "retired" | "idle" | "shutdown", KV blocks still held by sequences then).</summary>
    internal Action<ModelSlot, string, int>? Freed { get; set; }

    /// <summary>Memory it holds while loaded (file bytes + KV cache), as last measured.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>The <c>/v1/models</c> facts of the last load, kept while unloaded.</summary>
    public long Created { get; private set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public int ContextLength { get; private set; }

    public string Description { get; private set; } = "";

    public bool IsLoaded { get { lock (_gate) return _model is not null; } }

    public bool IsRetired { get { lock (_gate) return _retired; } }

    public int Leases { get { lock (_gate) return _leases; } }

    /// <summary>Loaded or loading: counts against the memory budget.</summary>
    public bool HoldsMemory { get { lock (_gate) return _model is not null || _loading is not null; } }

    /// <summary>The engine now, or null when unloaded (for metrics and health; requests use <see cref="TryEnter"/>).</summary>
    public ServedModel? Current { get { lock (_gate) return _model; } }

    /// <summary>Completes once a retired slot has freed its engine.</summary>
    public Task Released { get { lock (_gate) return (_freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task; } }

    /// <summary>Takes a lease on the loaded engine; <see cref="EnterResult.Unloaded"/> asks the caller to <see cref="EnsureLoadedAsync"/> first.</summary>
    public EnterResult TryEnter(out ServedModel model)
    {
        lock (_gate)
        {
            model = _model!;
            if (_retired) return EnterResult.Retired;
            if (_model is null) return EnterResult.Unloaded;
            _leases++;
            _lastUsed = Stopwatch.GetTimestamp();
            return EnterResult.Entered;
        }
    }

    /// <summary>Gives back a lease; the last one out of a retired slot frees it.</summary>
    public void Exit()
    {
        ServedModel? free = null;
        lock (_gate)
        {
            Debug.Assert(_leases > 0);
            _leases--;
            _lastUsed = Stopwatch.GetTimestamp();
            if (_retired && _leases == 0) (free, _model) = (_model, null);
        }
        if (free is not null) FreeInBackground(free, "retired");
    }

    /// <summary>
    /// Loads the engine again if it is unloaded: one load however many requests wait (they all await it). Throws what
    /// the load threw (each waiting request answers with it; the next request tries again).
    /// </summary>
    public Task EnsureLoadedAsync(CancellationToken ct)
    {
        Task loading;
        lock (_gate)
        {
            if (_model is not null || _retired) return Task.CompletedTask;
            if (Reloader is null) throw new InvalidOperationException($"model '{Name}' version '{Version}' was unloaded and cannot be reloaded");
            loading = _loading ??= Task.Run(Reload, CancellationToken.None);
        }
        return loading.WaitAsync(ct);
    }

    private void Reload()
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var model = Reloader!();
            model.Version = Version;
            Remember(model);
            bool retired;
            lock (_gate)
            {
                retired = _retired;
                if (!retired) (_model, _lastUsed) = (model, Stopwatch.GetTimestamp()); // fresh: not idle yet
            }
            if (retired) model.DisposeAsync().AsTask().GetAwaiter().GetResult(); // retired while loading: never served
            else ColdStarted?.Invoke(this, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            lock (_gate) _loading = null;
        }
    }

    /// <summary>Frees the engine when loaded, reloadable, unused and idle for at least <paramref name="idle"/>; true when it did.</summary>
    public async Task<bool> TryUnloadIdleAsync(TimeSpan idle)
    {
        ServedModel? free;
        lock (_gate)
        {
            if (_model is null || _retired || _leases > 0 || _loading is not null || Reloader is null || Stopwatch.GetElapsedTime(_lastUsed) < idle) return false;
            (free, _model) = (_model, null);
        }
        await FreeInBackground(free, "idle").ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops routing to this slot: it frees its engine as soon as no request holds it (at once when none does).</summary>
    public void Retire()
    {
        ServedModel? free = null;
        lock (_gate)
        {
            if (_retired) return;
            _retired = true;
            if (_leases == 0) (free, _model) = (_model, null);
            else return;
        }
        if (free is not null) FreeInBackground(free, "retired");
        else lock (_gate) (_freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Shutdown: frees the engine whatever holds it (in-flight requests have drained or been cancelled by then).</summary>
    internal async ValueTask DisposeAsync()
    {
        ServedModel? free;
        lock (_gate)
        {
            _retired = true;
            (free, _model) = (_model, null);
        }
        if (free is not null) await free.DisposeAsync().ConfigureAwait(false);
    }

    private void Remember(ServedModel model)
    {
        MemoryBytes = model.MemoryBytes;
        Created = model.Created;
        ContextLength = model.ContextLength;
        Description = model.Description;
    }

    // The engine frees a cancelled sequence's blocks at its next step, so give it a moment before checking none is held.
    private Task FreeInBackground(ServedModel model, string reason) => Task.Run(async () =>
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (model.Engine.Stats.BlocksUsed != 0 && Stopwatch.GetTimestamp() < deadline) await Task.Delay(10).ConfigureAwait(false);
        var held = model.Engine.Stats.BlocksUsed;
        await model.DisposeAsync().ConfigureAwait(false);
        Freed?.Invoke(this, reason, held);
        if (reason == "retired") lock (_gate) (_freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    });
}
