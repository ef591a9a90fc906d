using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Workshops;

/// <summary>What the shared form partial (_WorkshopFields) needs from the New and Edit pages.</summary>
public interface IWorkshopFormPage
{
    WorkshopForm Data { get; }
    SensitivityLabel SpaceLabel { get; }
    /// <summary>The label of an existing workshop, which the form shows but does not change.</summary>
    SensitivityLabel? FixedLabel { get; }
}
