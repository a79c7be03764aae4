// Namespaces most of the engine uses: invariant-culture parsing and formatting, the definition model and the evaluation.
global using System.Globalization;
global using ReviewWorkflow.Engine.Definitions;
global using ReviewWorkflow.Engine.Evaluation;
