namespace SpeedUp.Core.Errors;

/// <summary>The kind of a failure, from which the transport picks its status code (gRPC: see README).</summary>
public enum FailureKind
{
    /// <summary>A request field is malformed or out of range.</summary>
    InvalidArgument,

    /// <summary>The request is well formed but the current state forbids it.</summary>
    FailedPrecondition,

    /// <summary>What the request names does not exist.</summary>
    NotFound,

    /// <summary>The thing the request would create already exists.</summary>
    AlreadyExists,

    /// <summary>Equipment or a dependency is unavailable; the caller may retry later.</summary>
    Unavailable,

    /// <summary>A quota or capacity is used up; the caller may retry later.</summary>
    ResourceExhausted,

    /// <summary>The caller is over its call rate (key, customer, or failed authentications of its address); it may retry later.</summary>
    RateLimited,

    /// <summary>The call is not signed by a valid, enabled access key (or its signature is stale or replayed).</summary>
    Unauthenticated,

    /// <summary>The caller may not do this (unknown customer, product not subscribed).</summary>
    PermissionDenied,

    /// <summary>A fault of ours.</summary>
    Internal,
}
