-- POST /oauth2/token, client_credentials, client_secret_basic with the BASIC credentials.
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=reports%3Aread"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")
