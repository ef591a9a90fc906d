namespace Dialogue.Data.AccessReviews;

/// <summary>Stored by name.</summary>
public enum AccessReviewDecision
{
    Pending,
    Confirmed,
    Removed,
    /// <summary>Nobody confirmed them before the grace period ended: their access ended.</summary>
    Lapsed,
    /// <summary>They had left (or been removed) by other means before anyone decided.</summary>
    Gone,
}
