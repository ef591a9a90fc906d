namespace Dialogue.Data.Glossary;

/// <summary>A TBX crossReference from one concept to a related concept of the same glossary.</summary>
public class ConceptRelation
{
    public long ConceptId { get; set; }
    public long RelatedConceptId { get; set; }
}
