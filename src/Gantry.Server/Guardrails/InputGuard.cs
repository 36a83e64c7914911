using Gantry.Guardrails.Injection;
using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pipeline;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The input stage of one request. <see cref="Filter"/> runs the input pipeline over each prompt text as validation
/// meets it (before tokenization and so before admission to the engine), records verdicts, refuses on block and hands
/// back the redacted text on redact; a <c>tool</c> message is scored as content (<see cref="TextOrigin.Content"/>: the
/// stricter injection threshold). With a guard model, <see cref="JudgeAsync"/> then has it judge what the filter let
/// through (redacted, as the served model will see it), still before admission. Owned by the request's flow.
/// </summary>
internal sealed class InputGuard
{
    private readonly GuardrailPolicy _policy;
    private readonly GuardrailLedger _ledger;
    private readonly bool _pipeline;
    private readonly ServerGuardModel? _model;
    private readonly List<(PromptRole Role, string Text)> _texts = [];
    private string _param = "prompt";

    private InputGuard(GuardrailPolicy policy, GuardrailLedger ledger, bool pipeline, ServerGuardModel? model)
    {
        _policy = policy;
        _ledger = ledger;
        _pipeline = pipeline;
        _model = model;
    }

    /// <summary>The pipeline-only filter for <see cref="RequestValidator"/>, or null when no input check runs under <paramref name="policy"/>.</summary>
    public static PromptFilter? For(GuardrailPolicy policy, GuardrailLedger ledger) =>
        ServerGuardrails.Runs(policy, GuardrailStage.Input) ? new InputGuard(policy, ledger, true, null).Filter : null;

    /// <summary>The input stage of a generation request, or null when neither the pipeline nor the guard model runs.</summary>
    public static InputGuard? Create(GuardrailPolicy policy, GuardrailLedger ledger, ServerGuardModel guardModel)
    {
        var pipeline = ServerGuardrails.Runs(policy, GuardrailStage.Input);
        var model = guardModel.RunsUnder(policy) ? guardModel : null;
        return pipeline || model is not null ? new InputGuard(policy, ledger, pipeline, model) : null;
    }

    public ApiError? Filter(string param, PromptRole role, ref string text)
    {
        if (_pipeline)
        {
            using var span = Telemetry.GantryTelemetry.StartGuardrails(Telemetry.GantryTelemetry.InputGuardrailsSpan);
            var origin = role == PromptRole.Tool ? TextOrigin.Content : TextOrigin.Instruction;
            var verdict = GuardrailPipelines.Input.Evaluate(text, _policy, origin);
            _ledger.Record(GuardrailStage.Input, verdict, _policy);
            if (verdict.IsBlocked) return GuardrailErrors.Input(param, verdict);
            text = verdict.Redacted; // the same string when nothing was redacted
        }
        if (_model is not null)
        {
            _param = param;
            _texts.Add((role, text));
        }
        return null;
    }

    /// <summary>The guard's context for output moderation of choices from prompt <paramref name="prompt"/>: the chat
    /// (as the guard saw it), or that completions prompt alone. Empty without a guard model.</summary>
    public IReadOnlyList<(GuardRole Role, string Text)> ContextFor(int prompt)
    {
        if (_model is null || _texts.Count == 0) return [];
        if (_param == "messages") return GuardConversation.FromChat(_texts);
        return prompt < _texts.Count ? [(GuardRole.User, _texts[prompt].Text)] : [];
    }

    /// <summary>
    /// Has the guard model judge the prompt texts <see cref="Filter"/> passed: a chat as one conversation (its last
    /// user turn judged in context), each completions prompt on its own, all at once on the guard's engine. Returns the
    /// error that refuses the request: the guardrail block (400), or 503 when the guard failed and fails closed.
    /// </summary>
    public async Task<ApiError?> JudgeAsync(CancellationToken ct)
    {
        if (_model is null || _texts.Count == 0) return null;
        List<List<(GuardRole, string)>> conversations = _param == "messages"
            ? [GuardConversation.FromChat(_texts)]
            : _texts.Where(t => t.Text.Length > 0).Select(t => new List<(GuardRole, string)> { (GuardRole.User, t.Text) }).ToList();
        conversations.RemoveAll(c => c.Count == 0);
        if (conversations.Count == 0) return null;
        var verdicts = await Task.WhenAll(conversations.Select(c => _model.JudgeAsync(c, GuardRole.User, GuardrailStage.Input, ct))).ConfigureAwait(false);
        var mode = _policy.ModeFor(GuardrailCheckNames.GuardModel);
        foreach (var judged in verdicts)
        {
            if (judged is null)
            {
                _ledger.RecordFailure(GuardrailStage.Input, GuardrailCheckNames.GuardModel);
                if (_model.FailClosed) return GuardrailErrors.GuardModelUnavailable();
                continue;
            }
            var verdict = LlamaGuard.Merge(GuardrailVerdict.Clean(""), judged, mode);
            _ledger.Record(GuardrailStage.Input, verdict, _policy);
            if (verdict.IsBlocked) return GuardrailErrors.Input(_param, verdict);
        }
        return null;
    }
}
