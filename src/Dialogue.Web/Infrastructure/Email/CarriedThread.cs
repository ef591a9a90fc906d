using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>A labelled thread whose content a message carries, and its label when the message was written.</summary>
public sealed record CarriedThread(long ThreadId, SensitivityLabel Label);

/// <summary>A labelled glossary, availability poll or workshop whose content a message carries, and its label when the message was written.</summary>
public sealed record CarriedSubject(Dialogue.Data.Email.CarriedSubjectKind Kind, long Id, SensitivityLabel Label);
