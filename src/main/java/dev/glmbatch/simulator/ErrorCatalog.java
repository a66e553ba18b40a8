package dev.glmbatch.simulator;

/**
 * HTTP statuses and simulator-worded messages of the business error codes the simulator
 * emits.
 */
final class ErrorCatalog {

	private ErrorCatalog() {
	}

	static int httpStatusOf(String code) {
		return switch (code) {
			case "1000", "1001", "1002", "1003", "1004" -> 401;
			case "1113", "1302", "1303", "1304", "1305", "1308", "1310", "1311", "1312", "1313", "1314", "1315", "1316",
					"1317", "1318", "1319", "1320", "1321" ->
				429;
			case "500" -> 500;
			default -> 400;
		};
	}

	static String messageOf(String code) {
		return switch (code) {
			case "1001" -> "[simulator] The Authorization header is missing or not a Bearer token";
			case "1002" -> "[simulator] The API key is not valid";
			case "1003" -> "[simulator] The signed token has expired";
			case "1113" -> "[simulator] The account balance is used up";
			case "1301" -> "[simulator] The input was flagged as unsafe content";
			case "1302" -> "[simulator] Too many requests in flight for this model; lower the concurrency";
			case "1305" -> "[simulator] The model is overloaded; try again later";
			case "1314", "1315", "1316", "1317", "1318", "1319", "1320", "1321" ->
				"[simulator] A usage quota or billing limit of the account was reached (code " + code
						+ "); it lifts at its reset";
			case "500" -> "[simulator] Internal server error";
			default -> "[simulator] Error " + code;
		};
	}

}
