using System.Diagnostics;
using Gantry.Engine;
using Gantry.Security;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Tensors.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Lifecycle;

/// <summary>What a load, swap or unload did.</summary>
public sealed record LifecycleResult(string Name, IReadOnlyList<string> Versions, IReadOnlyList<string> Retired, double LoadSeconds);

/// <summary>
/// Loads, unloads and swaps model versions at runtime, and registers what the server serves in the model registry
/// (<see cref="ModelVersionStore"/>, present when the server has a state folder). One operation runs at a time (a
/// semaphore), so the memory check before a load still holds when the load finishes. A swap loads the new version
/// beside the old, checks it answers one token, routes new requests to it, and retires the old (which frees itself once
/// its in-flight requests finish). A singleton.
/// </summary>
public sealed class ModelLifecycle : IAsyncDisposable
{
    private readonly ModelRegistry _registry;
    private readonly ServerOptions _options;
    private readonly WorkerPool _pool;
    private readonly ILogger _logger;
    private readonly LifecycleMetrics _metrics;
    private readonly SemaphoreSlim _one = new(1, 1);
    private Timer? _idleTimer;
    private int _idleBusy;

    internal ModelLifecycle(ModelRegistry registry, IOptions<ServerOptions> options, WorkerPool pool, ILogger<ModelLifecycle> logger,
        LifecycleMetrics metrics, SecurityServices? security)
    {
        _registry = registry;
        _options = options.Value;
        _pool = pool;
        _logger = logger;
        _metrics = metrics;
        Store = security is null ? null : new ModelVersionStore(security.Database);
        RouteStates = security is null ? null : new RouteStateStore(security.Database);
    }

    /// <summary>The model registry; null when the server runs without a state folder (no security layer).</summary>
    public ModelVersionStore? Store { get; }

    /// <summary>The persisted splits and canaries a restart resumes; null without a state folder.</summary>
    internal RouteStateStore? RouteStates { get; }

    internal ModelRegistry Registry => _registry;

    /// <summary>Tests: builds the model of a runtime load instead of the catalog (e.g. one that fails after loading); null returns to the catalog.</summary>
    internal Func<ModelSpec, ServedModel?>? LoadOverride { get; set; }

    internal LifecycleMetrics Metrics => _metrics;

    /// <summary>Publishes the models loaded at startup, each under the version the registry knows its file by, and starts the idle unloader.</summary>
    internal void PublishInitial(IReadOnlyList<ServedModel> models)
    {
        var slots = new List<ModelSlot>();
        foreach (var m in models)
        {
            if (m.Spec is { } spec) m.Version = RegisterServed(m.Name, spec);
            slots.Add(NewSlot(m.Name, m.Version, m, m.Spec));
            _metrics.Loads.WithLabels(m.Name, m.Version, "startup").Inc();
            _metrics.Weight.WithLabels(m.Name, m.Version).Set(100);
        }
        _registry.Publish(slots);
        if (_options.IdleUnloadSeconds > 0)
        {
            var period = TimeSpan.FromSeconds(Math.Clamp(_options.IdleUnloadSeconds / 4.0, 0.05, 1));
            _idleTimer = new Timer(_ => _ = UnloadIdleAsync(), null, period, period);
        }
    }

    /// <summary>The registry's version for a file served at startup (recorded on first sight); "v1" without a registry.</summary>
    private string RegisterServed(string name, ModelSpec spec)
    {
        if (Store is null) return "v1";
        try
        {
            var builtIn = spec.IsBuiltIn;
            var file = builtIn ? DemoModel.Write(spec) : spec;
            try
            {
                var recorded = builtIn ? spec.Path : Path.GetFullPath(spec.Path);
                var v = Store.Ensure(name, recorded, new FileInfo(file.Path).Length,
                    label => ModelFileInspector.Inspect(name, label, file.Path, builtIn ? "built-in demo model" : "registered at server start", DateTimeOffset.UtcNow) with { Path = recorded });
                LifecycleLog.Registered(_logger, v.Name, v.Version, v.Architecture, v.Quantization, v.SizeBytes, v.Sha256);
                return v.Version;
            }
            finally
            {
                if (builtIn) File.Delete(file.Path);
            }
        }
        catch (Exception e) when (e is ModelLifecycleException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            LifecycleLog.RegisterFailed(_logger, name, e.Message);
            return "v1";
        }
    }

    internal ModelSlot NewSlot(string name, string version, ServedModel? model, ModelSpec? spec)
    {
        Func<ServedModel>? reload = spec is null ? null : () => ModelCatalog.LoadSpec(spec with { Name = name }, _options, _pool, _logger);
        var estimate = spec is null || spec.IsBuiltIn ? 0 : MemoryBudget.Estimate(new FileInfo(spec.Path).Length, _options.Engine.KvCacheBytes, DraftBytes());
        return new ModelSlot(name, version, model, reload, estimate)
        {
            ColdStarted = (s, t) =>
            {
                _metrics.ColdStart.WithLabels(s.Name, s.Version).Observe(t.TotalSeconds);
                _metrics.Loads.WithLabels(s.Name, s.Version, "cold_start").Inc();
                LifecycleLog.Loaded(_logger, s.Name, s.Version, t.TotalSeconds, "cold start");
            },
            Freed = (s, reason, held) =>
            {
                _metrics.Frees.WithLabels(s.Name, s.Version, reason).Inc();
                if (held > 0)
                {
                    _metrics.LeakedBlocks.WithLabels(s.Name).Inc(held);
                    LifecycleLog.Leaked(_logger, s.Name, s.Version, held);
                }
                LifecycleLog.Freed(_logger, s.Name, s.Version, reason, held);
            },
        };
    }

    private long DraftBytes() => _options.DraftModelPath is { } d && File.Exists(d) ? new FileInfo(d).Length : 0;

    /// <summary>
    /// Makes <paramref name="name"/> served by a version: registered (<paramref name="version"/> alone) or a file
    /// (<paramref name="path"/>, recorded under <paramref name="version"/> or the next free label). A name already served
    /// by another version answers 409 (use swap); by the same version, it is loaded if scaled to zero.
    /// </summary>
    public async Task<LifecycleResult> LoadAsync(string name, string? path, string? version, CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var target = Resolve(name, path, version);
            if (_registry.TryGetRoute(name, out var route))
            {
                var same = route.Slots.FirstOrDefault(s => s.Version == target.Version);
                if (same is null || route.Entries.Count > 1)
                    throw ModelLifecycleException.Conflict($"model '{name}' is served by version(s) {string.Join(", ", route.Entries.Select(e => e.Slot.Version))}; use swap to replace it", "name");
                var start = Stopwatch.GetTimestamp();
                await same.EnsureLoadedAsync(ct).ConfigureAwait(false);
                return new LifecycleResult(name, [same.Version], [], Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            var (slot, seconds) = await LoadSlotAsync(name, target, "load", ct).ConfigureAwait(false);
            _registry.SetRoute(ModelRoute.Single(slot));
            RouteStates?.Remove(name);
            _metrics.Weight.WithLabels(name, slot.Version).Set(100);
            LifecycleLog.Routed(_logger, name, slot.Version, "nothing");
            return new LifecycleResult(name, [slot.Version], [], seconds);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Replaces every version of <paramref name="name"/> with one new version, without failing a request.</summary>
    public async Task<LifecycleResult> SwapAsync(string name, string? path, string? version, CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_registry.TryGetRoute(name, out var route)) throw ModelLifecycleException.NotFound($"model '{name}' is not served; load it first", "name");
            var target = Resolve(name, path, version);
            if (route.Entries.Count == 1 && route.Shadow is null && route.Entries[0].Slot.Version == target.Version)
                throw ModelLifecycleException.Conflict($"model '{name}' already serves version '{target.Version}'", "version");
            var (slot, seconds) = await LoadSlotAsync(name, target, "swap", ct).ConfigureAwait(false);
            var old = _registry.SetRoute(ModelRoute.Single(slot));
            RouteStates?.Remove(name); // a plain route now: nothing for a restart to resume
            var retired = old?.Slots.Select(s => s.Version).Distinct().ToList() ?? [];
            foreach (var v in retired) _metrics.Weight.WithLabels(name, v).Set(0);
            _metrics.Weight.WithLabels(name, slot.Version).Set(100);
            LifecycleLog.Routed(_logger, name, slot.Version, string.Join(", ", retired));
            return new LifecycleResult(name, [slot.Version], retired, seconds);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Stops serving <paramref name="name"/>: in-flight requests finish, then every version is freed.</summary>
    public async Task<LifecycleResult> UnloadAsync(string name, CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var old = _registry.RemoveRoute(name) ?? throw ModelLifecycleException.NotFound($"model '{name}' is not served", "name");
            RouteStates?.Remove(name);
            var retired = old.Slots.Select(s => s.Version).Distinct().ToList();
            foreach (var v in retired) _metrics.Weight.WithLabels(name, v).Set(0);
            LifecycleLog.Routed(_logger, name, "nothing", string.Join(", ", retired));
            return new LifecycleResult(name, [], retired, 0);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Runs <paramref name="change"/> as the one lifecycle operation of the moment (traffic splits, rollbacks).</summary>
    internal async Task<T> ExclusiveAsync<T>(Func<Task<T>> change, CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>The file and label of a version to load: a registered version, or a file (registered on the way when there is a registry).</summary>
    internal ModelVersion Resolve(string name, string? path, string? version)
    {
        ModelVersionStore.Check(name, version ?? "x");
        if (path is null)
        {
            if (version is null) throw ModelLifecycleException.Invalid("give 'path' (a GGUF file) or 'version' (a registered version)", "path");
            if (Store is null) throw ModelLifecycleException.Invalid("this server has no model registry (no state folder); give 'path'", "path");
            var found = Store.Find(name, version) ?? throw ModelLifecycleException.NotFound($"model '{name}' has no registered version '{version}'", "version");
            if (!found.Path.StartsWith("builtin:", StringComparison.Ordinal) && !File.Exists(found.Path))
                throw ModelLifecycleException.Invalid($"version '{version}' of '{name}' points at a missing file: {found.Path}", "version");
            return found;
        }
        if (!File.Exists(path)) throw ModelLifecycleException.Invalid($"file not found: {path}", "path");
        var full = Path.GetFullPath(path);
        if (Store is null)
            return new ModelVersion(name, version ?? Path.GetFileNameWithoutExtension(path), full, "", "", "", new FileInfo(full).Length, DateTimeOffset.UtcNow, null);
        if (version is not null && Store.Find(name, version) is { } existing)
        {
            if (existing.Path != full) throw ModelLifecycleException.Conflict($"model '{name}' version '{version}' is registered for another file ({existing.Path})", "version");
            return existing;
        }
        var inspected = version is null
            ? Store.Ensure(name, full, new FileInfo(full).Length, label => ModelFileInspector.Inspect(name, label, full, null, DateTimeOffset.UtcNow))
            : Add(ModelFileInspector.Inspect(name, version, full, null, DateTimeOffset.UtcNow));
        return inspected;
    }

    private ModelVersion Add(ModelVersion v)
    {
        Store!.Add(v);
        LifecycleLog.Registered(_logger, v.Name, v.Version, v.Architecture, v.Quantization, v.SizeBytes, v.Sha256);
        return v;
    }

    /// <summary>Checks memory, loads <paramref name="target"/> into a new slot and probes it with one token; throws and frees it on failure.</summary>
    internal async Task<(ModelSlot Slot, double Seconds)> LoadSlotAsync(string name, ModelVersion target, string reason, CancellationToken ct)
    {
        var builtIn = target.Path.StartsWith("builtin:", StringComparison.Ordinal);
        var spec = builtIn ? (target.Path.EndsWith("random", StringComparison.Ordinal) ? ModelSpec.BuiltIn(true) : ModelSpec.BuiltIn(false)) with { Name = name } : new ModelSpec(target.Path, name);
        var fileBytes = builtIn ? 0 : new FileInfo(target.Path).Length;
        MemoryBudget.Check(_registry, _options.ModelMemoryBytes, MemoryBudget.Estimate(fileBytes, _options.Engine.KvCacheBytes, DraftBytes()), name, target.Version);
        var start = Stopwatch.GetTimestamp();
        ServedModel model;
        try
        {
            model = await Task.Run(() => LoadOverride?.Invoke(spec) ?? ModelCatalog.LoadSpec(spec, _options, _pool, _logger), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ModelLifecycleException(422, "model_load_failed", $"loading '{target.Path}' failed: {e.Message}", "path");
        }
        model.Version = target.Version;
        if (await ProbeAsync(model).ConfigureAwait(false) is { } problem)
        {
            await model.DisposeAsync().ConfigureAwait(false);
            throw new ModelLifecycleException(422, "model_load_failed", $"version '{target.Version}' of '{name}' loaded but failed its one-token probe: {problem}", "path");
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        _metrics.Loads.WithLabels(name, target.Version, reason).Inc();
        LifecycleLog.Loaded(_logger, name, target.Version, seconds, reason);
        return (NewSlot(name, target.Version, model, spec), seconds);
    }

    private static async Task<string?> ProbeAsync(ServedModel model)
    {
        var tokenizer = model.Model.Tokenizer;
        var request = new GenerationRequest { PromptTokens = [tokenizer.BosId >= 0 ? tokenizer.BosId : 0], MaxTokens = 1, IgnoreEndOfGeneration = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var events = await model.Engine.GenerateAllAsync(request, timeout.Token).ConfigureAwait(false);
            var last = events.Count > 0 ? events[^1] : null;
            return last?.FinishReason is FinishReason.Length or FinishReason.Stop ? null : last?.Error ?? "no token";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }

    /// <summary>One pass of the idle unloader: frees every reloadable version unused for <see cref="ServerOptions.IdleUnloadSeconds"/>.</summary>
    internal async Task UnloadIdleAsync()
    {
        if (Interlocked.Exchange(ref _idleBusy, 1) != 0) return;
        try
        {
            var idle = TimeSpan.FromSeconds(_options.IdleUnloadSeconds);
            var any = false;
            foreach (var route in _registry.Routes)
                foreach (var slot in route.Slots.Distinct())
                    any |= await slot.TryUnloadIdleAsync(idle).ConfigureAwait(false);
            if (any) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true); // return the freed model's managed buffers to the OS now
        }
        finally
        {
            Volatile.Write(ref _idleBusy, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_idleTimer is not null) await _idleTimer.DisposeAsync().ConfigureAwait(false);
        _one.Dispose();
    }
}
