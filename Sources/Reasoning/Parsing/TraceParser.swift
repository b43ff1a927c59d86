public import O1CoderCore
/// Reads reasoning traces and single steps from model output. Never throws and never traps: an
/// output it cannot use becomes ``TraceParseOutcome/unparsable(_:issues:)`` with a reason.
///
/// Accepted input, in order of preference:
/// - the canonical tag format (``StepFormat``), tolerating missing `</step>`, doubled opening
///   tags, echoed `### Step k:` headers inside a step, unquoted or numeric labels
///   (`action=3`, `action="Action 2"`) and text between steps (dropped, noted);
/// - the legacy Markdown format of the original repository (`### Step k: **… (Action n)**`,
///   `Step k: <Action n>`, optional `<Step_Begin>`/`<Step_End>`), including repeated headers.
///
/// The trace ends at its first code step (steps after it are dropped and noted). Its code is the
/// last Python block of that step, found by ``CodeExtractor``.
public struct TraceParser: Sendable {
    /// What to do with a step whose action label is missing.
    public enum LabelPolicy: String, Codable, Sendable, Hashable {
        /// Unlabelled step → ``ParseFailure/missingActionLabel(step:)`` (spec D12).
        case strict
        /// Infer: a last step holding a Python fence is code; the first is structure; others
        /// refine. Each inference is noted with ``ParseIssue/actionInferred(step:)``.
        case inferFromContent
    }

    /// Whether the output must end in a code step.
    public enum Requirement: String, Codable, Sendable, Hashable {
        /// A whole answer: no code step → ``ParseFailure/noCodeStep``.
        case complete
        /// A prefix or a partial trace; a code step is allowed but not needed.
        case partial
    }

    public var labelPolicy: LabelPolicy

    public init(labelPolicy: LabelPolicy = .strict) {
        self.labelPolicy = labelPolicy
    }

    /// Parses a whole trace.
    /// - Parameters:
    ///   - text: the model output (the whole assistant answer).
    ///   - requirement: whether a code step must be present.
    ///   - entryPoint: for function tasks, the name the code must define (checked, noted).
    public func parseTrace(_ text: String, requirement: Requirement = .complete, entryPoint: String? = nil)
        -> TraceParseOutcome
    {
        let normalized = text.replacingCRLF()
        guard !normalized.trimmingWhitespace().isEmpty else { return .unparsable(.emptyOutput, issues: []) }
        let segmented = StepSegmenter.segment(normalized)
        return assemble(segmented.segments, issues: segmented.issues, requirement: requirement, entryPoint: entryPoint)
    }

    /// Parses one step generated as the continuation of ``StepFormat/continuationPrefix(after:forcing:)``.
    ///
    /// - Parameters:
    ///   - continuation: the generated text (generation stopped at or before `</step>`).
    ///   - forcedAction: the action whose full opening tag ended the prompt, or nil when the prompt
    ///     ended with the bare ``StepFormat/openingPrefix`` and the text starts with the label.
    ///   - stopReason: how generation ended; a stop on `</step>` means the step is closed, the
    ///     token limit adds ``ParseIssue/truncated``.
    public func parseStep(
        continuation: String, forcedAction: ReasoningAction?, stoppedAtStepEnd: Bool, truncated: Bool = false,
        entryPoint: String? = nil
    ) -> StepParseOutcome {
        let opening = forcedAction.map { StepFormat.openingTag($0) } ?? StepFormat.openingPrefix
        let closing = stoppedAtStepEnd ? StepFormat.stepEnd : ""
        let normalized = (opening + continuation.replacingCRLF() + closing)
        var segmented = StepSegmenter.segment(normalized)
        if truncated { segmented.issues.append(.truncated) }
        guard !segmented.segments.isEmpty else {
            // The opening tag never closed: whatever was written is not a readable label.
            let failure: ParseFailure = continuation.trimmingWhitespace().isEmpty ? .emptyOutput : .missingActionLabel(step: 0)
            return .unparsable(failure, issues: segmented.issues)
        }
        if !stoppedAtStepEnd, let last = segmented.segments.indices.last, !segmented.segments[last].hasEnd,
            segmented.segments.count == 1, truncated
        {
            segmented.issues.removeAll { $0 == .missingStepEnd(step: last) }
        }
        if segmented.segments.count > 1 {
            segmented.issues.append(.extraStepsDropped(count: segmented.segments.count - 1))
            segmented.issues.removeAll { issue in
                if case .missingStepEnd(let s) = issue { return s > 0 }
                return false
            }
            segmented.segments = Array(segmented.segments.prefix(1))
        }
        if forcedAction != nil, segmented.segments.first?.label == nil {
            segmented.segments[0].label = forcedAction?.rawValue
        }
        switch assemble(segmented.segments, issues: segmented.issues, requirement: .partial, entryPoint: entryPoint) {
        case .parsed(let parsed):
            guard let step = parsed.trace.steps.first else { return .unparsable(.noSteps, issues: parsed.issues) }
            return .parsed(step: step, code: parsed.code, issues: parsed.issues)
        case .unparsable(let failure, let issues):
            return .unparsable(failure, issues: issues)
        }
    }

    private func assemble(
        _ segments: [StepSegmenter.Segment], issues initial: [ParseIssue], requirement: Requirement,
        entryPoint: String?
    ) -> TraceParseOutcome {
        var issues = initial
        guard !segments.isEmpty else { return .unparsable(.noSteps, issues: issues) }
        var steps: [ReasoningStep] = []
        for (index, segment) in segments.enumerated() {
            if let label = segment.label, let action = ReasoningAction(label: label) {
                steps.append(ReasoningStep(action: action, text: segment.content))
                continue
            }
            switch labelPolicy {
            case .strict:
                return .unparsable(.missingActionLabel(step: index), issues: issues)
            case .inferFromContent:
                let isLast = index == segments.count - 1
                let hasPython = FencedBlock.scan(segment.content).contains(where: \.isPython)
                let action: ReasoningAction = isLast && hasPython ? .code : index == 0 ? .structure : .refine
                issues.append(.actionInferred(step: index))
                steps.append(ReasoningStep(action: action, text: segment.content))
            }
        }
        if let codeIndex = steps.firstIndex(where: \.isTerminal) {
            let dropped = steps.count - codeIndex - 1
            if dropped > 0 {
                issues.append(.stepsAfterCode(count: dropped))
                steps.removeLast(dropped)
            }
        }
        let trace = ReasoningTrace(steps: steps)
        guard let codeStep = trace.codeStep else {
            if requirement == .complete { return .unparsable(.noCodeStep, issues: issues) }
            return .parsed(ParsedTrace(trace: trace, code: nil, issues: issues))
        }
        switch CodeExtractor.extract(from: codeStep.text, entryPoint: entryPoint) {
        case .found(let code):
            issues += code.issues
            return .parsed(ParsedTrace(trace: trace, code: code, issues: issues))
        case .failed:
            return .unparsable(.noCode, issues: issues)
        }
    }
}

/// The outcome of parsing one generated step.
public enum StepParseOutcome: Codable, Sendable, Hashable {
    /// A step, its code when it is a code step, and the repairs made.
    case parsed(step: ReasoningStep, code: ExtractedCode?, issues: [ParseIssue])
    case unparsable(ParseFailure, issues: [ParseIssue])

    /// The step, when parsed.
    public var step: ReasoningStep? {
        if case .parsed(let step, _, _) = self { return step }
        return nil
    }

    /// The failure, when unparsable.
    public var failure: ParseFailure? {
        if case .unparsable(let failure, _) = self { return failure }
        return nil
    }

    /// Issues noted either way.
    public var issues: [ParseIssue] {
        switch self {
        case .parsed(_, _, let issues): issues
        case .unparsable(_, let issues): issues
        }
    }
}
