using System.Collections.Concurrent;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Server.Catalog;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// Traffic splitting over a route's versions: canaries (the candidate's share grows by steps, on a schedule or by
/// command, and is rolled back automatically when it breaches its <see cref="RolloutObjectives"/>), fixed A/B splits
/// with sticky assignment, and shadow copies. Every finished generation request reports its version's outcome here
/// (<see cref="Record"/>); the objectives are checked on each report and by a timer. A rollback moves all traffic back
/// to the stable version and is recorded in the log, the metric <c>gantry_model_rollbacks_total</c> and the audit log.
/// Route changes go through the lifecycle's one-operation lock, and every split and canary change is persisted in the
/// state folder, where a restarted server resumes it (<see cref="ResumeAsync"/>). A singleton.
/// </summary>
public sealed partial class TrafficController : IAsyncDisposable
{
    private readonly ModelLifecycle _lifecycle;
    private readonly SecurityServices? _security;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ModelSlot, VersionWindow> _windows = new();
    private readonly ConcurrentDictionary<string, Rollout> _rollouts = new(StringComparer.Ordinal);
    private readonly ITimer _timer;

    internal TrafficController(ModelLifecycle lifecycle, SecurityServices? security, ILogger<TrafficController> logger, TimeProvider? time = null)
    {
        _lifecycle = lifecycle;
        _security = security;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The canary of <paramref name="name"/> (running or finished), or null.</summary>
    public Rollout? RolloutOf(string name) => _rollouts.GetValueOrDefault(name);

    /// <summary>The window of a version's recent outcomes.</summary>
    public WindowStats Stats(ModelSlot slot, int windowSeconds) => _windows.TryGetValue(slot, out var w) ? w.Since(NowMs - windowSeconds * 1000L) : default;

    /// <summary>
    /// One finished generation request on <paramref name="slot"/>; <paramref name="ttftMs"/> negative when no token
    /// came; <paramref name="blocked"/> when a guardrail blocked its input or output.
    /// </summary>
    public void Record(ModelSlot slot, bool ok, double ttftMs, bool shadow = false, bool blocked = false)
    {
        var m = _lifecycle.Metrics;
        if (shadow) m.ShadowRequests.WithLabels(slot.Name, slot.Version, ok ? "ok" : "error").Inc();
        else m.VersionRequests.WithLabels(slot.Name, slot.Version, ok ? "ok" : "error").Inc();
        if (blocked && !shadow) m.VersionBlocks.WithLabels(slot.Name, slot.Version).Inc();
        if (ttftMs >= 0) m.VersionTtft.WithLabels(slot.Name, slot.Version).Observe(ttftMs / 1000);
        _windows.GetOrAdd(slot, _ => new VersionWindow()).Record(NowMs, ok, ttftMs, blocked);
        CheckSoon(slot);
    }

    /// <summary>
    /// A feedback score on a request that <paramref name="name"/>'s <paramref name="version"/> served: counted in
    /// <c>gantry_model_feedback_score</c> and, while the version is routed, in its window for the feedback objective.
    /// </summary>
    public void RecordFeedback(string name, string version, double score)
    {
        _lifecycle.Metrics.FeedbackScore.WithLabels(name, version).Observe(score);
        var slot = _windows.Keys.FirstOrDefault(s => s.Name == name && s.Version == version);
        if (slot is null) return; // a version no longer served: stored, but no objective to check
        _windows[slot].RecordFeedback(NowMs, score);
        CheckSoon(slot);
    }

    private void CheckSoon(ModelSlot slot)
    {
        if (_rollouts.TryGetValue(slot.Name, out var r) && r.State == RolloutState.Running && r.Candidate == slot
            && r.Objectives.Breach(Stats(r.Candidate, r.Objectives.WindowSeconds)) is not null)
            _ = Task.Run(() => CheckAsync(r));
    }

    /// <summary>
    /// Starts a canary of <paramref name="name"/>: loads the candidate (a file or a registered version) beside the
    /// version served now and gives it the first step's share. 409 when the route is already split.
    /// </summary>
    public Task<Rollout> StartCanaryAsync(string name, string? path, string? version, IReadOnlyList<int> steps, int? stepSeconds,
        RolloutObjectives objectives, StickyMode sticky, CancellationToken ct)
    {
        Rollout.CheckSteps(steps);
        objectives.Validate();
        if (stepSeconds is < 1) throw ModelLifecycleException.Invalid($"step_seconds must be at least 1 (got {stepSeconds})", "step_seconds");
        return _lifecycle.ExclusiveAsync(async () =>
        {
            if (!_lifecycle.Registry.TryGetRoute(name, out var route)) throw ModelLifecycleException.NotFound($"model '{name}' is not served; load it first", "name");
            if (route.Entries.Count != 1) throw ModelLifecycleException.Conflict($"model '{name}' is already split; finish or roll back first", "name");
            var stable = route.Entries[0].Slot;
            var target = _lifecycle.Resolve(name, path, version);
            if (target.Version == stable.Version) throw ModelLifecycleException.Conflict($"model '{name}' already serves version '{target.Version}'", "version");
            var (candidate, _) = await _lifecycle.LoadSlotAsync(name, target, "canary", ct).ConfigureAwait(false);
            var rollout = new Rollout(name, stable, candidate, steps, stepSeconds, objectives, sticky, NowMs);
            _rollouts[name] = rollout;
            Apply(rollout);
            Persist(rollout);
            return rollout;
        }, ct);
    }

    /// <summary>Moves a running canary to its next step (the last promotes the candidate).</summary>
    public Task<Rollout> AdvanceAsync(string name, CancellationToken ct) => _lifecycle.ExclusiveAsync(() =>
    {
        var r = Running(name);
        Step(r);
        return Task.FromResult(r);
    }, ct);

    /// <summary>Rolls a running canary back by command.</summary>
    public Task<Rollout> RollbackAsync(string name, string reason, CancellationToken ct) => _lifecycle.ExclusiveAsync(() =>
    {
        var r = Running(name);
        Revert(r, new Breach("manual", reason, "", reason));
        return Task.FromResult(r);
    }, ct);

    /// <summary>
    /// A fixed split: <paramref name="weights"/> over registered or routed versions (each loaded if needed), sticky by
    /// <paramref name="sticky"/>, with an optional <paramref name="shadow"/> version that gets a copy of every request.
    /// Ends a running canary. Versions the route no longer uses are retired.
    /// </summary>
    public Task<ModelRoute> SplitAsync(string name, IReadOnlyList<(string Version, int Weight)> weights, StickyMode sticky, string? shadow, CancellationToken ct)
    {
        if (weights.Count == 0 || weights.Any(w => w.Weight < 0) || weights.Sum(w => w.Weight) <= 0)
            throw ModelLifecycleException.Invalid("versions need non-negative weights with a positive sum", "versions");
        if (weights.Select(w => w.Version).Distinct().Count() != weights.Count) throw ModelLifecycleException.Invalid("a version is listed twice", "versions");
        return _lifecycle.ExclusiveAsync(() => SplitCoreAsync(name, weights, sticky, shadow, ct), ct);
    }

    /// <summary>The split itself, under the lifecycle's lock; persisted for a restart.</summary>
    private async Task<ModelRoute> SplitCoreAsync(string name, IReadOnlyList<(string Version, int Weight)> weights, StickyMode sticky, string? shadow, CancellationToken ct)
    {
        _lifecycle.Registry.TryGetRoute(name, out var current);
        var loaded = new List<ModelSlot>();
        async Task<ModelSlot> SlotFor(string v)
        {
            var existing = current?.Slots.FirstOrDefault(s => s.Version == v) ?? loaded.FirstOrDefault(s => s.Version == v);
            if (existing is not null) return existing;
            var (slot, _) = await _lifecycle.LoadSlotAsync(name, _lifecycle.Resolve(name, null, v), "split", ct).ConfigureAwait(false);
            loaded.Add(slot);
            return slot;
        }
        try
        {
            var entries = new List<RouteEntry>();
            foreach (var (v, w) in weights) entries.Add(new RouteEntry(await SlotFor(v).ConfigureAwait(false), w));
            var shadowSlot = shadow is null ? null : await SlotFor(shadow).ConfigureAwait(false);
            var route = new ModelRoute(name, entries, shadowSlot, sticky);
            if (_rollouts.TryGetValue(name, out var r) && r.State == RolloutState.Running) r.State = RolloutState.Promoted;
            SetRoute(route);
            Persist(route);
            return route;
        }
        catch
        {
            foreach (var s in loaded) s.Retire();
            throw;
        }
    }

    private Rollout Running(string name) =>
        _rollouts.TryGetValue(name, out var r) && r.State == RolloutState.Running ? r : throw ModelLifecycleException.NotFound($"model '{name}' has no running canary", "name");

    private void Step(Rollout r)
    {
        r.StepIndex++;
        r.StepStartedMs = NowMs;
        if (r.Weight >= 100) r.State = RolloutState.Promoted;
        Apply(r);
        Persist(r);
    }

    private void Apply(Rollout r)
    {
        SetRoute(r.Route());
        LifecycleLog.CanaryStep(_logger, r.Name, r.Candidate.Version, r.Weight);
    }

    private void SetRoute(ModelRoute route)
    {
        var old = _lifecycle.Registry.SetRoute(route);
        var m = _lifecycle.Metrics;
        foreach (var s in old?.Slots ?? []) m.Weight.WithLabels(route.Name, s.Version).Set(0);
        foreach (var e in route.Entries) m.Weight.WithLabels(route.Name, e.Slot.Version).Set(100.0 * e.Weight / route.TotalWeight);
        LifecycleLog.Routed(_logger, route.Name, string.Join(", ", route.Entries.Select(e => $"{e.Slot.Version}={e.Weight}")) + (route.Shadow is null ? "" : $" (shadow {route.Shadow.Version})"),
            string.Join(", ", (old?.Slots ?? []).Except(route.Slots).Select(s => s.Version)));
    }

    /// <summary>All traffic back to the stable version, the candidate retired; recorded in the log, the metric and the audit log.</summary>
    private void Revert(Rollout r, Breach why)
    {
        r.State = RolloutState.RolledBack;
        r.Reason = why.Objective == "manual" ? $"rolled back by command{(why.Detail.Length > 0 ? ": " + why.Detail : "")}" : $"{why.Objective} {why.Detail}";
        SetRoute(ModelRoute.Single(r.Stable));
        _lifecycle.Metrics.Rollbacks.WithLabels(r.Name, r.Candidate.Version, why.Objective).Inc();
        LifecycleLog.RolledBack(_logger, r.Name, r.Candidate.Version, why.Objective, why.Detail, r.Stable.Version);
        _security?.Audit.Write(new AuditRecord(_time.GetUtcNow(), "rollback-" + Guid.NewGuid().ToString("N")[..12], null, null, r.Name,
            "lifecycle/rollback", 0, 0, 0, 0, null, $"version {r.Candidate.Version} -> {r.Stable.Version}: {r.Reason}", null));
        Persist(r); // last: a slow disk must not delay the metric and the audit record
    }

    /// <summary>Rolls <paramref name="r"/> back if its candidate breaches an objective now.</summary>
    private Task<bool> CheckAsync(Rollout r) => _lifecycle.ExclusiveAsync(() =>
    {
        if (r.State != RolloutState.Running || _rollouts.GetValueOrDefault(r.Name) != r) return Task.FromResult(false);
        if (r.Objectives.Breach(Stats(r.Candidate, r.Objectives.WindowSeconds)) is not { } b) return Task.FromResult(false);
        Revert(r, b);
        return Task.FromResult(true);
    }, CancellationToken.None);

    private async Task TickAsync()
    {
        foreach (var r in _rollouts.Values.Where(r => r.State == RolloutState.Running))
        {
            try
            {
                if (await CheckAsync(r).ConfigureAwait(false)) continue;
                if (r.StepSeconds is { } s && NowMs - r.StepStartedMs >= s * 1000L)
                    await _lifecycle.ExclusiveAsync(() =>
                    {
                        if (r.State == RolloutState.Running && NowMs - r.StepStartedMs >= s * 1000L) Step(r);
                        return Task.FromResult(0);
                    }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return; // shutting down
            }
        }
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();
}
