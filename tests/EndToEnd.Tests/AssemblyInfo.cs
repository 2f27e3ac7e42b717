// The mesh tests start several real processes each; one collection for the assembly runs them one at a time, which
// keeps a 2-core machine from timing out start-ups and keeps the drills' timing assertions honest.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
