namespace Adal.Features.Requests;

/// <summary>What a person can ask of a request, as the API and the forms name it.</summary>
public static class RequestAction
{
    public const string Submit = "submit";
    public const string Withdraw = "withdraw";
    public const string Resubmit = "resubmit";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string RequestCorrection = "request_correction";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Submit, Withdraw, Resubmit, Approve, Reject, RequestCorrection };

    /// <summary>
    /// Clients may also name the state they want ({"to": "needs_correction"}); this maps it to the action.
    /// "in_review" from needs_correction is the applicant's resubmission.
    /// </summary>
    public static string? FromTargetState(string? to) => to switch
    {
        "submitted" => Submit,
        "withdrawn" => Withdraw,
        "in_review" => Resubmit,
        "approved" => Approve,
        "rejected" => Reject,
        "needs_correction" => RequestCorrection,
        _ => null,
    };
}

public static class RequestStates
{
    public static string Name(RequestState state) => state switch
    {
        RequestState.Draft => "draft",
        RequestState.Submitted => "submitted",
        RequestState.InReview => "in_review",
        RequestState.NeedsCorrection => "needs_correction",
        RequestState.Approved => "approved",
        RequestState.Rejected => "rejected",
        RequestState.Issued => "issued",
        RequestState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
