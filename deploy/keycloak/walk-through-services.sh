#!/usr/bin/env bash
# A walk through the running services as the realm's demo users, with tokens from a real Keycloak
# (or any issuer serving deploy/keycloak's realm): start Keycloak with the realm (see README.md),
# start the stack trusting it (./mvnw -Pstart -Dcasegrid.oidc.issuer=$ISSUER), then run this.
#   ISSUER   the realm's issuer URL (default http://127.0.0.1:18180/realms/casegrid)
#   INTAKE, DISPATCH, SUPERVISION   the services (default the local stack's ports)
set -u
KC=${ISSUER:-http://127.0.0.1:18180/realms/casegrid}
I=${INTAKE:-http://127.0.0.1:8081}; D=${DISPATCH:-http://127.0.0.1:8082}; S=${SUPERVISION:-http://127.0.0.1:8083}
token() { curl -s --max-time 10 $KC/protocol/openid-connect/token -d grant_type=password -d client_id=casegrid-console -d username="$1" -d password=demo | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
OP=$(token operator1); DR=$(token drainage1); WA=$(token water1); SU=$(token supervisor1); DI=$(token dispatcher1)
code() { curl -s --max-time 20 -o /dev/null -w "%{http_code}" "$@"; }
R=$(curl -s --max-time 20 -X POST $I/api/cases -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' -d '{"kind":"COMPLAINT","channel":"HOTLINE","categoryCode":"0102","description":"湖滨路口污水井盖缺失","position":{"latitude":30.215,"longitude":120.0865},"reporter":{"name":"张三","phone":"13812341234","anonymous":false,"callbackConsent":true}}')
ID=$(echo "$R" | sed 's/.*"id":"\([^"]*\)".*/\1/'); echo "operator1 registers a case: $(echo "$R" | grep -o '"caseNumber":"[0-9]*"')"
sleep 2  # dispatch places the case from intake's event
echo "drainage1 reads it in dispatch: $(code -H "Authorization: Bearer $DR" $D/api/cases/$ID)"
echo "water1 reads it in dispatch: $(code -H "Authorization: Bearer $WA" $D/api/cases/$ID)"
echo "water1 reads DRAINAGE's queue: $(code -H "Authorization: Bearer $WA" $D/api/departments/DRAINAGE/queue)"
echo "drainage1 signs: $(code -X POST -H "Authorization: Bearer $DR" $D/api/departments/DRAINAGE/cases/$ID/sign)"
echo "drainage1 resolves: $(code -X POST -H "Authorization: Bearer $DR" -H 'Content-Type: application/json' -d '{"result":"已更换井盖"}' $D/api/departments/DRAINAGE/cases/$ID/resolve)"
echo "dispatcher1 verifies (not the hotline): $(code -X POST -H "Authorization: Bearer $DI" -H 'Content-Type: application/json' -d '{"passed":true}' $D/api/cases/$ID/verification)"
echo "operator1 verifies: $(code -X POST -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' -d '{"passed":true}' $D/api/cases/$ID/verification)"
echo "timeline actors: $(curl -s --max-time 20 -H "Authorization: Bearer $DR" $D/api/cases/$ID/timeline | grep -o '"actor":"[^"]*"' | tr '\n' ' ')"
echo "supervisor1 reads the deadline: $(code -H "Authorization: Bearer $SU" $S/api/cases/$ID/deadline)"
echo "water1 reads the deadline: $(code -H "Authorization: Bearer $WA" $S/api/cases/$ID/deadline)"
echo "no token: $(code $D/api/cases/$ID)"
echo "operator1 sees the caller's phone: $(curl -s --max-time 20 -H "Authorization: Bearer $OP" $I/api/cases/$ID | grep -o '"reporterPhone[A-Za-z]*":"[^"]*"' | tr '\n' ' ')"
echo "supervisor1 sees: $(curl -s --max-time 20 -H "Authorization: Bearer $SU" $I/api/cases/$ID | grep -o '"reporter[A-Za-z]*":"[^"]*"' | tr '\n' ' ')"
