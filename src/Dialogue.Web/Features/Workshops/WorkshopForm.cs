using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;

namespace Dialogue.Web.Features.Workshops;

/// <summary>The fields of the New and Edit forms; start and end as the organiser's wall-clock time in their zone.</summary>
public sealed class WorkshopForm
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
    public string Title { get; set; } = "";

    [StringLength(20_000, ErrorMessage = "The description can be at most 20,000 characters.")]
    public string? Description { get; set; }

    public SensitivityLabel? Label { get; set; }

    [Required(ErrorMessage = "Choose the time zone you plan in.")]
    public string TimeZone { get; set; } = "";

    [Required(ErrorMessage = "Enter the start date and time.")]
    public string Start { get; set; } = "";

    [Required(ErrorMessage = "Enter the end date and time.")]
    public string End { get; set; } = "";

    [StringLength(500, ErrorMessage = "The link can be at most 500 characters.")]
    public string? OnlineLink { get; set; }

    [StringLength(300, ErrorMessage = "The venue can be at most 300 characters.")]
    public string? Venue { get; set; }

    [Range(1, 100_000, ErrorMessage = "Capacity is a number of places from 1 to 100,000; leave it empty for no limit.")]
    public int? Capacity { get; set; }

    public WorkshopRegistrationMode Mode { get; set; } = WorkshopRegistrationMode.Open;

    /// <summary>The availability poll the New form was opened from, carried through untouched.</summary>
    [StringLength(20)]
    public string? FromPoll { get; set; }
}
