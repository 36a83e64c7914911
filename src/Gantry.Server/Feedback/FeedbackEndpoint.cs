using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Server.Lifecycle;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Feedback;

/// <summary>
/// <c>POST /v1/feedback</c>: <c>{"request_id": "req_…", "score": 1, "label": "helpful"}</c> rates a request the server
/// served (its <c>x-request-id</c>). The feedback is stored with the request's audit record, under the model and
/// version that served it (so scores add up per version), counted in <c>gantry_model_feedback_score</c>, and fed to a
/// running canary's feedback objective. Feedback sent again for the same request replaces the earlier one. A user key
/// may rate only its own tenant's requests (another tenant's look unknown: 404 <c>request_not_found</c>); an admin key
/// any. Needs the security layer (request ids and the audit log). A singleton.
/// </summary>
internal sealed class FeedbackEndpoint(SecurityServices security, TrafficController traffic, ServedRequests recent)
{
    public const string Path = "/v1/feedback";

    /// <summary>Longest label kept: a category such as <c>helpful</c> or <c>wrong_answer</c>, not free text.</summary>
    public const int MaxLabelLength = 128;

    public async Task HandleAsync(HttpContext ctx)
    {
        FeedbackRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, FeedbackJson.Default.FeedbackRequest, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await ErrorWriter.WriteAsync(ctx, ApiError.Invalid("", "The request body is not a feedback object: " + e.Message) with { Param = null }).ConfigureAwait(false);
            return;
        }
        if (Check(body) is { } invalid)
        {
            await ErrorWriter.WriteAsync(ctx, invalid).ConfigureAwait(false);
            return;
        }
        var requestId = body!.RequestId!;
        var served = Served(requestId);
        var key = ctx.Features.Get<RequestSecurity>()?.Key;
        if (served is null || !MayRate(key, served))
        {
            await ErrorWriter.WriteAsync(ctx, new ApiError(404, ApiError.InvalidRequest,
                $"No served request has the id '{requestId}' (feedback needs the x-request-id of a completion this server answered)", "request_id", "request_not_found")).ConfigureAwait(false);
            return;
        }
        var score = body.Score!.Value;
        security.Feedback.Upsert(new FeedbackRecord(security.Time.GetUtcNow(), requestId, key?.Id.Value, key?.Tenant.Name, served.Model, served.ModelVersion, score, body.Label));
        traffic.RecordFeedback(served.Model, served.ModelVersion, score);
        await ctx.Response.WriteAsJsonAsync(new FeedbackAnswer(requestId, served.Model, served.ModelVersion, score, body.Label),
            FeedbackJson.Default.FeedbackAnswer, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    private static ApiError? Check(FeedbackRequest? body)
    {
        if (body is null) return ApiError.Invalid("", "The request body must be a JSON object") with { Param = null };
        if (string.IsNullOrEmpty(body.RequestId)) return ApiError.Missing("request_id");
        if (!RequestIds.IsAcceptable(body.RequestId)) return ApiError.Invalid("request_id", "'request_id' is not a request id (1..128 of A-Z a-z 0-9 . _ : -)");
        if (body.Score is not { } score) return ApiError.Missing("score");
        if (!double.IsFinite(score)) return ApiError.Invalid("score", "'score' must be a finite number");
        if (body.Label is { } label && (label.Length is 0 or > MaxLabelLength || label.Any(char.IsControl)))
            return ApiError.Invalid("label", $"'label' must be 1..{MaxLabelLength} characters without control characters");
        return null;
    }

    /// <summary>A recent request from memory, an older one from the audit log (its newest record a version served).</summary>
    private ServedRequest? Served(string requestId)
    {
        if (recent.Find(requestId) is { } r) return r;
        security.Audit.Flush();
        return security.Audit.Log.FindServed(requestId) is { Model: { } model, ModelVersion: { } version } a ? new ServedRequest(model, version, a.Tenant) : null;
    }

    /// <summary>Without authentication anyone may rate; a user key only its own tenant's requests; an admin key any.</summary>
    private static bool MayRate(KeyRecord? key, ServedRequest served) =>
        key is null || key.Tenant.Role == TenantRole.Admin || served.Tenant == key.Tenant.Name;
}
