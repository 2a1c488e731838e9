"""What every app's API shares: one viewset that restricts, re-checks and versions like the generic pages.

- list and retrieve see only `restrict(user, "view")`; update and destroy only `restrict(user, "change"/"delete")`,
  so a record out of reach answers 404, and an action the user holds on no record of the type answers 403;
- creates and updates run in one transaction, through the apps' services (their serializers call them), and are
  rolled back (403) when the saved record would be out of the writer's reach;
- an update names the `version` it was based on: an older one answers 409 with the record as it is now;
- related records offered or accepted in a payload pass the same restriction (`RestrictedRelatedField`);
- reads of sensitive records (`access_logged`) go to the access log, as looks at their pages do.
"""

from functools import cache
from itertools import chain

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import signals
from .models import MAX_ID
from .querysets import allows, can, restrict
from .services import KeptError, change_record, create_record

GRANT_ACTIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}
UPDATES = {"update", "partial_update"}


# --- Errors -----------------------------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The record is still referred to and cannot be deleted.")
    default_code = "conflict"


def as_text(exc: DjangoValidationError) -> DjangoValidationError:
    """The refusal in words only: a page's message may link to a record (built safe HTML); the API names it."""
    errors = chain.from_iterable(exc.error_dict.values()) if hasattr(exc, "error_dict") else exc.error_list
    for error in errors:
        if isinstance(error.message, SafeData):
            error.message = strip_tags(error.message)
    return exc


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, also for the refusals services raise (a rule broken → 400, a protected or kept record's
    delete → 409)."""
    if isinstance(exc, KeptError):
        exc = Conflict(" ".join(as_text(exc).messages))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=serializers.as_serializer_error(as_text(exc)))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict()
    return drf_exception_handler(exc, context)


class ErrorSerializer(serializers.Serializer):
    """A refusal, in the caller's language."""

    detail = serializers.CharField()


@cache
def conflict_serializer(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The body of a 409: why, and the record as it is now (one class per record type, for the schema)."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return inline_serializer(f"{name}Conflict", {"detail": serializers.CharField(), "current": serializer_class()})


# --- Serializers ------------------------------------------------------------------------------------------------


class RelatedList(serializers.ManyRelatedField):
    """Several related records, sent as a list (DRF takes any iterable: a dict would be read as its keys)."""

    def to_internal_value(self, data: object) -> list:
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class RestrictedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record is accepted only if the user may view it, as in the pages' forms."""

    @classmethod
    def many_init(cls, *args, **kwargs) -> RelatedList:
        shared = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return RelatedList(child_relation=cls(*args, **kwargs), **shared)

    def to_internal_value(self, data: object) -> Model:
        """No record has an id with a NUL in it (and PostgreSQL would refuse to look for one)."""
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", pk_value=data.replace("\x00", ""))
        return super().to_internal_value(data)

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is not None and hasattr(queryset, "restrict"):
            queryset = queryset.restrict(request.user, "view")
        return queryset


class RecordSerializer(serializers.ModelSerializer):
    """A record; `version` counts its saves and is sent back with every change to it."""

    # (Its docstring is the schema's description of every record type; updates require `version`: `for_update`.)

    serializer_related_field = RestrictedRelatedField
    version = serializers.IntegerField(read_only=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        """Fields built from the model leave its checks (lengths, amounts, uniqueness) to the model's own
        validation, which every service runs before it saves: the API then refuses a value with the words of the
        page and the import, and a uniqueness error names a record only to whom may see it. The bounds stay in the
        schema."""
        fields = super().get_fields()
        for name, field in fields.items():
            if name not in self._declared_fields and not field.read_only:
                # A NUL is no text any database keeps (PostgreSQL refuses it): refused here, as forms refuse it.
                field.validators = [v for v in field.validators if isinstance(v, ProhibitNullCharactersValidator)]
        return fields

    def get_unique_together_validators(self) -> list:
        return []

    @property
    def user(self) -> AbstractBaseUser:
        return self.context["request"].user

    def create(self, validated_data: dict) -> Model:
        return create_record(self.Meta.model, **validated_data)

    def update(self, instance: Model, validated_data: dict) -> Model:
        return change_record(instance, **validated_data)


@cache
def for_update(serializer_class: type[RecordSerializer]) -> type[RecordSerializer]:
    """The serializer of updates: the same fields plus the `version` the change was based on."""
    name = serializer_class.__name__.removesuffix("Serializer")
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=gettext_lazy("The version this change was based on.")
    )
    return type(f"{name}UpdateSerializer", (serializer_class,), {"version": version, "__module__": __name__})


# --- Pagination and schema --------------------------------------------------------------------------------------


class RecordPagination(LimitOffsetPagination):
    max_limit = 500
    max_offset = 2**31  # far past any list; keeps the SQL offset within what every database takes

    def get_offset(self, request: Request) -> int:
        return min(super().get_offset(request), self.max_offset)


class RecordSchema(AutoSchema):
    """Every operation documents its refusals (401, 403, 404, 400, 409) and updates their `version` field."""

    def get_request_serializer(self) -> object:
        if getattr(self.view, "action", None) in UPDATES:
            return for_update(self.view.serializer_class)
        return super().get_request_serializer()

    def get_response_serializers(self) -> object:
        action = getattr(self.view, "action", None)
        if action not in GRANT_ACTIONS:
            return super().get_response_serializers()
        record = self.view.serializer_class
        responses = {401: ErrorSerializer, 403: ErrorSerializer}
        if action == "list":
            responses |= {200: record, 400: OpenApiTypes.OBJECT}
        elif action == "retrieve":
            responses |= {200: record, 404: ErrorSerializer}
        elif action == "create":
            responses |= {201: record, 400: OpenApiTypes.OBJECT}
        elif action in UPDATES:
            responses |= {200: record, 400: OpenApiTypes.OBJECT, 404: ErrorSerializer, 409: conflict_serializer(record)}
        else:
            responses |= {204: None, 404: ErrorSerializer, 409: ErrorSerializer}
        return dict(sorted(responses.items()))


# --- The viewset ------------------------------------------------------------------------------------------------


class RecordViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update and delete one record type within the user's grants.

    Apps give `queryset`, `serializer_class` and `filterset_class`; their serializers call the services.
    """

    pagination_class = RecordPagination
    schema = RecordSchema()
    http_method_names = ["get", "post", "put", "patch", "delete", "head"]
    access_logged = False

    @property
    def grant_action(self) -> str:
        return GRANT_ACTIONS.get(self.action, "view")

    def get_required_scopes(self, request: Request) -> set[str]:
        """Tokens read with the "read" scope and write with "write"; the grants then decide which records."""
        return {"read"} if request.method in SAFE_METHODS else {"write"}  # accounts' Scope values

    def check_permissions(self, request: Request) -> None:
        """403 for an action the user holds on no record of the type; a record out of reach is a 404 later."""
        super().check_permissions(request)
        if not can(request.user, self.queryset.model, self.grant_action):
            self.permission_denied(request, message=_("You may not do this with records of this kind."))

    def get_queryset(self) -> QuerySet:
        return restrict(super().get_queryset(), self.request.user, self.grant_action)

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return for_update(self.serializer_class) if self.action in UPDATES else self.serializer_class

    def get_object(self) -> Model:
        """The record by its id among those in reach (list filters do not apply here); any other id is a 404."""
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not value.isdigit() or int(value) > MAX_ID:
            raise exceptions.NotFound
        try:
            obj = self.get_queryset().get(pk=int(value))
        except ObjectDoesNotExist:
            raise exceptions.NotFound from None
        self.check_object_permissions(self.request, obj)
        if self.access_logged and self.action == "retrieve":
            signals.api_record_read.send(type(obj), record=obj)
        return obj

    def list(self, request: Request, *args, **kwargs) -> Response:
        response = super().list(request, *args, **kwargs)
        if self.access_logged:
            rows = len(response.data["results"]) if isinstance(response.data, dict) else len(response.data)
            signals.api_list_read.send(self.queryset.model, query=request.query_params.urlencode(), rows=rows)
        return response

    def ensure_within(self, obj: Model) -> None:
        """The saved record must still be one the writer may act on; raising here rolls the save back."""
        if not allows(self.request.user, obj, self.grant_action):
            raise exceptions.PermissionDenied(
                _("You may not save this record so: it would be outside what you may work on.")
            )

    def perform_create(self, serializer: serializers.Serializer) -> None:
        with transaction.atomic():
            self.ensure_within(serializer.save())

    def update(self, request: Request, *args, **kwargs) -> Response:
        """Apply a change based on the current version only; the row stays locked from check to save."""
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object()
            current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
            serializer = self.get_serializer(current, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            expected = serializer.validated_data.pop("version", None)
            if expected is None:
                raise exceptions.ValidationError({"version": [_("Give the version your change is based on.")]})
            if expected != current.version:
                return self.conflict(current)
            saved = serializer.save()
            self.ensure_within(saved)
        return Response(self.shown(saved))

    def shown(self, record: Model) -> dict:
        """The record as the caller reads it."""
        return self.serializer_class(record, context=self.get_serializer_context()).data

    def conflict(self, current: Model, serializer_class: type[serializers.Serializer] | None = None) -> Response:
        """Nothing saved: the caller gets the record (or a part of it, read by `serializer_class`) as it is now, to
        compare and send again."""
        detail = _("Someone else saved this record since the version you sent. Nothing was saved.")
        data = serializer_class(current).data if serializer_class else self.shown(current)
        return Response({"detail": detail, "current": data}, status=status.HTTP_409_CONFLICT)

    def perform_destroy(self, instance: Model) -> None:
        with transaction.atomic():
            instance.delete()
