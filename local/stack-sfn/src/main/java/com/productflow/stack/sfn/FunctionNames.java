package com.productflow.stack.sfn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The forms Lambda accepts for FunctionName, reduced to the bare function name. */
final class FunctionNames {

    /** The optimized Step Functions integration; aws-local-stepfunctions calls it as a function name. */
    static final String STATES_LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER], ACCOUNT:function:NAME[:QUALIFIER], NAME[:QUALIFIER]
    private static final Pattern FULL_ARN = Pattern.compile("^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$");
    private static final Pattern PARTIAL_ARN = Pattern.compile("^[0-9]{12}:function:([^:]+)(?::[^:]+)?$");
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9_-]{1,140})(?::[A-Za-z0-9$_-]+)?$");

    private FunctionNames() {
    }

    /** The bare name, or null when the text is no valid Lambda function identifier. */
    static String bareName(String functionName) {
        for (Pattern p : new Pattern[] {FULL_ARN, PARTIAL_ARN, NAME}) {
            Matcher m = p.matcher(functionName);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }
}
