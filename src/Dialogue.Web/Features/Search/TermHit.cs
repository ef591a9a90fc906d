using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Search;

/// <summary>A glossary term found by the site search (Features/Glossary adds them), linking to its entry.</summary>
public sealed record TermHit(long ConceptId, string Text, string LanguageTag, string Status, string GlossaryName, SensitivityLabel Label, string Definition);
