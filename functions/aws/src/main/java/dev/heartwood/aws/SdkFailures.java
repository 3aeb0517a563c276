package dev.heartwood.aws;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns an SDK failure into the one line a user needs: what went wrong and where, never a credential. */
final class SdkFailures {

    private SdkFailures() {
    }

    static String describe(SdkException failure, AwsService service, AwsSettings settings) {
        String where = service.displayName() + " at " + settings.describeEndpoint(service);
        if (failure instanceof AwsServiceException refused) {
            String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
            String message = refused.awsErrorDetails() == null ? refused.getMessage() : refused.awsErrorDetails().errorMessage();
            String status = "HTTP " + refused.statusCode();
            if (refused.statusCode() == 403 || (code != null && code.contains("AccessDenied"))) {
                return "access denied by " + where + " (" + (code == null ? status : code) + "): the credentials in use lack"
                        + " the permission" + (message == null ? "" : " — " + message);
            }
            return where + " refused the request: " + (code == null ? status : code + ", " + status)
                    + (message == null ? "" : " — " + message);
        }
        if (failure instanceof ApiCallTimeoutException) {
            return "no answer from " + where + " within " + settings.apiCallTimeout() + " (" + AwsSettings.CALL_TIMEOUT + ")";
        }
        if (failure instanceof ApiCallAttemptTimeoutException) {
            return "no answer from " + where + " within " + settings.apiCallAttemptTimeout() + " per attempt ("
                    + AwsSettings.ATTEMPT_TIMEOUT + ")";
        }
        Throwable root = rootCause(failure);
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException || root instanceof SocketTimeoutException) {
            return "cannot reach " + where + ": " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
        }
        return "call to " + where + " failed: " + failure.getMessage();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
