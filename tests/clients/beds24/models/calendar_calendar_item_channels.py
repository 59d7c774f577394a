from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_calendar_item_channels_agoda import (
        CalendarCalendarItemChannelsAgoda,
    )
    from ..models.calendar_calendar_item_channels_airbnb import (
        CalendarCalendarItemChannelsAirbnb,
    )
    from ..models.calendar_calendar_item_channels_asiatravel import (
        CalendarCalendarItemChannelsAsiatravel,
    )
    from ..models.calendar_calendar_item_channels_atraveode import (
        CalendarCalendarItemChannelsAtraveode,
    )
    from ..models.calendar_calendar_item_channels_booking import (
        CalendarCalendarItemChannelsBooking,
    )
    from ..models.calendar_calendar_item_channels_despegar import (
        CalendarCalendarItemChannelsDespegar,
    )
    from ..models.calendar_calendar_item_channels_edreamsodigeo import (
        CalendarCalendarItemChannelsEdreamsodigeo,
    )
    from ..models.calendar_calendar_item_channels_expedia import (
        CalendarCalendarItemChannelsExpedia,
    )
    from ..models.calendar_calendar_item_channels_feratel import (
        CalendarCalendarItemChannelsFeratel,
    )
    from ..models.calendar_calendar_item_channels_goibibo import (
        CalendarCalendarItemChannelsGoibibo,
    )
    from ..models.calendar_calendar_item_channels_hometogo import (
        CalendarCalendarItemChannelsHometogo,
    )
    from ..models.calendar_calendar_item_channels_hostelworld import (
        CalendarCalendarItemChannelsHostelworld,
    )
    from ..models.calendar_calendar_item_channels_hotelbeds import (
        CalendarCalendarItemChannelsHotelbeds,
    )
    from ..models.calendar_calendar_item_channels_hrs import (
        CalendarCalendarItemChannelsHrs,
    )
    from ..models.calendar_calendar_item_channels_jomres import (
        CalendarCalendarItemChannelsJomres,
    )
    from ..models.calendar_calendar_item_channels_marriott import (
        CalendarCalendarItemChannelsMarriott,
    )
    from ..models.calendar_calendar_item_channels_ostrovokru import (
        CalendarCalendarItemChannelsOstrovokru,
    )
    from ..models.calendar_calendar_item_channels_ota import (
        CalendarCalendarItemChannelsOta,
    )
    from ..models.calendar_calendar_item_channels_reserva import (
        CalendarCalendarItemChannelsReserva,
    )
    from ..models.calendar_calendar_item_channels_tiket import (
        CalendarCalendarItemChannelsTiket,
    )
    from ..models.calendar_calendar_item_channels_tomastravel import (
        CalendarCalendarItemChannelsTomastravel,
    )
    from ..models.calendar_calendar_item_channels_traum import (
        CalendarCalendarItemChannelsTraum,
    )
    from ..models.calendar_calendar_item_channels_traveloka import (
        CalendarCalendarItemChannelsTraveloka,
    )
    from ..models.calendar_calendar_item_channels_travia import (
        CalendarCalendarItemChannelsTravia,
    )
    from ..models.calendar_calendar_item_channels_trip import (
        CalendarCalendarItemChannelsTrip,
    )
    from ..models.calendar_calendar_item_channels_tripadvisorrentals import (
        CalendarCalendarItemChannelsTripadvisorrentals,
    )
    from ..models.calendar_calendar_item_channels_vacationstay import (
        CalendarCalendarItemChannelsVacationstay,
    )
    from ..models.calendar_calendar_item_channels_vrbo import (
        CalendarCalendarItemChannelsVrbo,
    )


T = TypeVar("T", bound="CalendarCalendarItemChannels")


@_attrs_define
class CalendarCalendarItemChannels:
    """Maximum number of bookings allowed for specific channels. Can be set to null to remove the limit.

    Attributes:
        agoda (CalendarCalendarItemChannelsAgoda | Unset):
        airbnb (CalendarCalendarItemChannelsAirbnb | Unset):
        asiatravel (CalendarCalendarItemChannelsAsiatravel | Unset):
        atraveode (CalendarCalendarItemChannelsAtraveode | Unset):
        booking (CalendarCalendarItemChannelsBooking | Unset):
        despegar (CalendarCalendarItemChannelsDespegar | Unset):
        edreamsodigeo (CalendarCalendarItemChannelsEdreamsodigeo | Unset):
        expedia (CalendarCalendarItemChannelsExpedia | Unset):
        feratel (CalendarCalendarItemChannelsFeratel | Unset):
        goibibo (CalendarCalendarItemChannelsGoibibo | Unset):
        hometogo (CalendarCalendarItemChannelsHometogo | Unset):
        hostelworld (CalendarCalendarItemChannelsHostelworld | Unset):
        hotelbeds (CalendarCalendarItemChannelsHotelbeds | Unset):
        hrs (CalendarCalendarItemChannelsHrs | Unset):
        jomres (CalendarCalendarItemChannelsJomres | Unset):
        marriott (CalendarCalendarItemChannelsMarriott | Unset):
        ostrovokru (CalendarCalendarItemChannelsOstrovokru | Unset):
        ota (CalendarCalendarItemChannelsOta | Unset):
        reserva (CalendarCalendarItemChannelsReserva | Unset):
        tiket (CalendarCalendarItemChannelsTiket | Unset):
        tomastravel (CalendarCalendarItemChannelsTomastravel | Unset):
        traveloka (CalendarCalendarItemChannelsTraveloka | Unset):
        travia (CalendarCalendarItemChannelsTravia | Unset):
        traum (CalendarCalendarItemChannelsTraum | Unset):
        trip (CalendarCalendarItemChannelsTrip | Unset):
        tripadvisorrentals (CalendarCalendarItemChannelsTripadvisorrentals | Unset):
        vacationstay (CalendarCalendarItemChannelsVacationstay | Unset):
        vrbo (CalendarCalendarItemChannelsVrbo | Unset):
    """

    agoda: CalendarCalendarItemChannelsAgoda | Unset = UNSET
    airbnb: CalendarCalendarItemChannelsAirbnb | Unset = UNSET
    asiatravel: CalendarCalendarItemChannelsAsiatravel | Unset = UNSET
    atraveode: CalendarCalendarItemChannelsAtraveode | Unset = UNSET
    booking: CalendarCalendarItemChannelsBooking | Unset = UNSET
    despegar: CalendarCalendarItemChannelsDespegar | Unset = UNSET
    edreamsodigeo: CalendarCalendarItemChannelsEdreamsodigeo | Unset = UNSET
    expedia: CalendarCalendarItemChannelsExpedia | Unset = UNSET
    feratel: CalendarCalendarItemChannelsFeratel | Unset = UNSET
    goibibo: CalendarCalendarItemChannelsGoibibo | Unset = UNSET
    hometogo: CalendarCalendarItemChannelsHometogo | Unset = UNSET
    hostelworld: CalendarCalendarItemChannelsHostelworld | Unset = UNSET
    hotelbeds: CalendarCalendarItemChannelsHotelbeds | Unset = UNSET
    hrs: CalendarCalendarItemChannelsHrs | Unset = UNSET
    jomres: CalendarCalendarItemChannelsJomres | Unset = UNSET
    marriott: CalendarCalendarItemChannelsMarriott | Unset = UNSET
    ostrovokru: CalendarCalendarItemChannelsOstrovokru | Unset = UNSET
    ota: CalendarCalendarItemChannelsOta | Unset = UNSET
    reserva: CalendarCalendarItemChannelsReserva | Unset = UNSET
    tiket: CalendarCalendarItemChannelsTiket | Unset = UNSET
    tomastravel: CalendarCalendarItemChannelsTomastravel | Unset = UNSET
    traveloka: CalendarCalendarItemChannelsTraveloka | Unset = UNSET
    travia: CalendarCalendarItemChannelsTravia | Unset = UNSET
    traum: CalendarCalendarItemChannelsTraum | Unset = UNSET
    trip: CalendarCalendarItemChannelsTrip | Unset = UNSET
    tripadvisorrentals: CalendarCalendarItemChannelsTripadvisorrentals | Unset = UNSET
    vacationstay: CalendarCalendarItemChannelsVacationstay | Unset = UNSET
    vrbo: CalendarCalendarItemChannelsVrbo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agoda: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agoda, Unset):
            agoda = self.agoda.to_dict()

        airbnb: dict[str, Any] | Unset = UNSET
        if not isinstance(self.airbnb, Unset):
            airbnb = self.airbnb.to_dict()

        asiatravel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.asiatravel, Unset):
            asiatravel = self.asiatravel.to_dict()

        atraveode: dict[str, Any] | Unset = UNSET
        if not isinstance(self.atraveode, Unset):
            atraveode = self.atraveode.to_dict()

        booking: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking, Unset):
            booking = self.booking.to_dict()

        despegar: dict[str, Any] | Unset = UNSET
        if not isinstance(self.despegar, Unset):
            despegar = self.despegar.to_dict()

        edreamsodigeo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.edreamsodigeo, Unset):
            edreamsodigeo = self.edreamsodigeo.to_dict()

        expedia: dict[str, Any] | Unset = UNSET
        if not isinstance(self.expedia, Unset):
            expedia = self.expedia.to_dict()

        feratel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.feratel, Unset):
            feratel = self.feratel.to_dict()

        goibibo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.goibibo, Unset):
            goibibo = self.goibibo.to_dict()

        hometogo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hometogo, Unset):
            hometogo = self.hometogo.to_dict()

        hostelworld: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hostelworld, Unset):
            hostelworld = self.hostelworld.to_dict()

        hotelbeds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hotelbeds, Unset):
            hotelbeds = self.hotelbeds.to_dict()

        hrs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hrs, Unset):
            hrs = self.hrs.to_dict()

        jomres: dict[str, Any] | Unset = UNSET
        if not isinstance(self.jomres, Unset):
            jomres = self.jomres.to_dict()

        marriott: dict[str, Any] | Unset = UNSET
        if not isinstance(self.marriott, Unset):
            marriott = self.marriott.to_dict()

        ostrovokru: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ostrovokru, Unset):
            ostrovokru = self.ostrovokru.to_dict()

        ota: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ota, Unset):
            ota = self.ota.to_dict()

        reserva: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reserva, Unset):
            reserva = self.reserva.to_dict()

        tiket: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tiket, Unset):
            tiket = self.tiket.to_dict()

        tomastravel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tomastravel, Unset):
            tomastravel = self.tomastravel.to_dict()

        traveloka: dict[str, Any] | Unset = UNSET
        if not isinstance(self.traveloka, Unset):
            traveloka = self.traveloka.to_dict()

        travia: dict[str, Any] | Unset = UNSET
        if not isinstance(self.travia, Unset):
            travia = self.travia.to_dict()

        traum: dict[str, Any] | Unset = UNSET
        if not isinstance(self.traum, Unset):
            traum = self.traum.to_dict()

        trip: dict[str, Any] | Unset = UNSET
        if not isinstance(self.trip, Unset):
            trip = self.trip.to_dict()

        tripadvisorrentals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tripadvisorrentals, Unset):
            tripadvisorrentals = self.tripadvisorrentals.to_dict()

        vacationstay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vacationstay, Unset):
            vacationstay = self.vacationstay.to_dict()

        vrbo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vrbo, Unset):
            vrbo = self.vrbo.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agoda is not UNSET:
            field_dict["agoda"] = agoda
        if airbnb is not UNSET:
            field_dict["airbnb"] = airbnb
        if asiatravel is not UNSET:
            field_dict["asiatravel"] = asiatravel
        if atraveode is not UNSET:
            field_dict["atraveode"] = atraveode
        if booking is not UNSET:
            field_dict["booking"] = booking
        if despegar is not UNSET:
            field_dict["despegar"] = despegar
        if edreamsodigeo is not UNSET:
            field_dict["edreamsodigeo"] = edreamsodigeo
        if expedia is not UNSET:
            field_dict["expedia"] = expedia
        if feratel is not UNSET:
            field_dict["feratel"] = feratel
        if goibibo is not UNSET:
            field_dict["goibibo"] = goibibo
        if hometogo is not UNSET:
            field_dict["hometogo"] = hometogo
        if hostelworld is not UNSET:
            field_dict["hostelworld"] = hostelworld
        if hotelbeds is not UNSET:
            field_dict["hotelbeds"] = hotelbeds
        if hrs is not UNSET:
            field_dict["hrs"] = hrs
        if jomres is not UNSET:
            field_dict["jomres"] = jomres
        if marriott is not UNSET:
            field_dict["marriott"] = marriott
        if ostrovokru is not UNSET:
            field_dict["ostrovokru"] = ostrovokru
        if ota is not UNSET:
            field_dict["ota"] = ota
        if reserva is not UNSET:
            field_dict["reserva"] = reserva
        if tiket is not UNSET:
            field_dict["tiket"] = tiket
        if tomastravel is not UNSET:
            field_dict["tomastravel"] = tomastravel
        if traveloka is not UNSET:
            field_dict["traveloka"] = traveloka
        if travia is not UNSET:
            field_dict["travia"] = travia
        if traum is not UNSET:
            field_dict["traum"] = traum
        if trip is not UNSET:
            field_dict["trip"] = trip
        if tripadvisorrentals is not UNSET:
            field_dict["tripadvisorrentals"] = tripadvisorrentals
        if vacationstay is not UNSET:
            field_dict["vacationstay"] = vacationstay
        if vrbo is not UNSET:
            field_dict["vrbo"] = vrbo

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_calendar_item_channels_agoda import (
            CalendarCalendarItemChannelsAgoda,
        )
        from ..models.calendar_calendar_item_channels_airbnb import (
            CalendarCalendarItemChannelsAirbnb,
        )
        from ..models.calendar_calendar_item_channels_asiatravel import (
            CalendarCalendarItemChannelsAsiatravel,
        )
        from ..models.calendar_calendar_item_channels_atraveode import (
            CalendarCalendarItemChannelsAtraveode,
        )
        from ..models.calendar_calendar_item_channels_booking import (
            CalendarCalendarItemChannelsBooking,
        )
        from ..models.calendar_calendar_item_channels_despegar import (
            CalendarCalendarItemChannelsDespegar,
        )
        from ..models.calendar_calendar_item_channels_edreamsodigeo import (
            CalendarCalendarItemChannelsEdreamsodigeo,
        )
        from ..models.calendar_calendar_item_channels_expedia import (
            CalendarCalendarItemChannelsExpedia,
        )
        from ..models.calendar_calendar_item_channels_feratel import (
            CalendarCalendarItemChannelsFeratel,
        )
        from ..models.calendar_calendar_item_channels_goibibo import (
            CalendarCalendarItemChannelsGoibibo,
        )
        from ..models.calendar_calendar_item_channels_hometogo import (
            CalendarCalendarItemChannelsHometogo,
        )
        from ..models.calendar_calendar_item_channels_hostelworld import (
            CalendarCalendarItemChannelsHostelworld,
        )
        from ..models.calendar_calendar_item_channels_hotelbeds import (
            CalendarCalendarItemChannelsHotelbeds,
        )
        from ..models.calendar_calendar_item_channels_hrs import (
            CalendarCalendarItemChannelsHrs,
        )
        from ..models.calendar_calendar_item_channels_jomres import (
            CalendarCalendarItemChannelsJomres,
        )
        from ..models.calendar_calendar_item_channels_marriott import (
            CalendarCalendarItemChannelsMarriott,
        )
        from ..models.calendar_calendar_item_channels_ostrovokru import (
            CalendarCalendarItemChannelsOstrovokru,
        )
        from ..models.calendar_calendar_item_channels_ota import (
            CalendarCalendarItemChannelsOta,
        )
        from ..models.calendar_calendar_item_channels_reserva import (
            CalendarCalendarItemChannelsReserva,
        )
        from ..models.calendar_calendar_item_channels_tiket import (
            CalendarCalendarItemChannelsTiket,
        )
        from ..models.calendar_calendar_item_channels_tomastravel import (
            CalendarCalendarItemChannelsTomastravel,
        )
        from ..models.calendar_calendar_item_channels_traum import (
            CalendarCalendarItemChannelsTraum,
        )
        from ..models.calendar_calendar_item_channels_traveloka import (
            CalendarCalendarItemChannelsTraveloka,
        )
        from ..models.calendar_calendar_item_channels_travia import (
            CalendarCalendarItemChannelsTravia,
        )
        from ..models.calendar_calendar_item_channels_trip import (
            CalendarCalendarItemChannelsTrip,
        )
        from ..models.calendar_calendar_item_channels_tripadvisorrentals import (
            CalendarCalendarItemChannelsTripadvisorrentals,
        )
        from ..models.calendar_calendar_item_channels_vacationstay import (
            CalendarCalendarItemChannelsVacationstay,
        )
        from ..models.calendar_calendar_item_channels_vrbo import (
            CalendarCalendarItemChannelsVrbo,
        )

        d = dict(src_dict)
        _agoda = d.pop("agoda", UNSET)
        agoda: CalendarCalendarItemChannelsAgoda | Unset
        if isinstance(_agoda, Unset):
            agoda = UNSET
        else:
            agoda = CalendarCalendarItemChannelsAgoda.from_dict(_agoda)

        _airbnb = d.pop("airbnb", UNSET)
        airbnb: CalendarCalendarItemChannelsAirbnb | Unset
        if isinstance(_airbnb, Unset):
            airbnb = UNSET
        else:
            airbnb = CalendarCalendarItemChannelsAirbnb.from_dict(_airbnb)

        _asiatravel = d.pop("asiatravel", UNSET)
        asiatravel: CalendarCalendarItemChannelsAsiatravel | Unset
        if isinstance(_asiatravel, Unset):
            asiatravel = UNSET
        else:
            asiatravel = CalendarCalendarItemChannelsAsiatravel.from_dict(_asiatravel)

        _atraveode = d.pop("atraveode", UNSET)
        atraveode: CalendarCalendarItemChannelsAtraveode | Unset
        if isinstance(_atraveode, Unset):
            atraveode = UNSET
        else:
            atraveode = CalendarCalendarItemChannelsAtraveode.from_dict(_atraveode)

        _booking = d.pop("booking", UNSET)
        booking: CalendarCalendarItemChannelsBooking | Unset
        if isinstance(_booking, Unset):
            booking = UNSET
        else:
            booking = CalendarCalendarItemChannelsBooking.from_dict(_booking)

        _despegar = d.pop("despegar", UNSET)
        despegar: CalendarCalendarItemChannelsDespegar | Unset
        if isinstance(_despegar, Unset):
            despegar = UNSET
        else:
            despegar = CalendarCalendarItemChannelsDespegar.from_dict(_despegar)

        _edreamsodigeo = d.pop("edreamsodigeo", UNSET)
        edreamsodigeo: CalendarCalendarItemChannelsEdreamsodigeo | Unset
        if isinstance(_edreamsodigeo, Unset):
            edreamsodigeo = UNSET
        else:
            edreamsodigeo = CalendarCalendarItemChannelsEdreamsodigeo.from_dict(
                _edreamsodigeo
            )

        _expedia = d.pop("expedia", UNSET)
        expedia: CalendarCalendarItemChannelsExpedia | Unset
        if isinstance(_expedia, Unset):
            expedia = UNSET
        else:
            expedia = CalendarCalendarItemChannelsExpedia.from_dict(_expedia)

        _feratel = d.pop("feratel", UNSET)
        feratel: CalendarCalendarItemChannelsFeratel | Unset
        if isinstance(_feratel, Unset):
            feratel = UNSET
        else:
            feratel = CalendarCalendarItemChannelsFeratel.from_dict(_feratel)

        _goibibo = d.pop("goibibo", UNSET)
        goibibo: CalendarCalendarItemChannelsGoibibo | Unset
        if isinstance(_goibibo, Unset):
            goibibo = UNSET
        else:
            goibibo = CalendarCalendarItemChannelsGoibibo.from_dict(_goibibo)

        _hometogo = d.pop("hometogo", UNSET)
        hometogo: CalendarCalendarItemChannelsHometogo | Unset
        if isinstance(_hometogo, Unset):
            hometogo = UNSET
        else:
            hometogo = CalendarCalendarItemChannelsHometogo.from_dict(_hometogo)

        _hostelworld = d.pop("hostelworld", UNSET)
        hostelworld: CalendarCalendarItemChannelsHostelworld | Unset
        if isinstance(_hostelworld, Unset):
            hostelworld = UNSET
        else:
            hostelworld = CalendarCalendarItemChannelsHostelworld.from_dict(
                _hostelworld
            )

        _hotelbeds = d.pop("hotelbeds", UNSET)
        hotelbeds: CalendarCalendarItemChannelsHotelbeds | Unset
        if isinstance(_hotelbeds, Unset):
            hotelbeds = UNSET
        else:
            hotelbeds = CalendarCalendarItemChannelsHotelbeds.from_dict(_hotelbeds)

        _hrs = d.pop("hrs", UNSET)
        hrs: CalendarCalendarItemChannelsHrs | Unset
        if isinstance(_hrs, Unset):
            hrs = UNSET
        else:
            hrs = CalendarCalendarItemChannelsHrs.from_dict(_hrs)

        _jomres = d.pop("jomres", UNSET)
        jomres: CalendarCalendarItemChannelsJomres | Unset
        if isinstance(_jomres, Unset):
            jomres = UNSET
        else:
            jomres = CalendarCalendarItemChannelsJomres.from_dict(_jomres)

        _marriott = d.pop("marriott", UNSET)
        marriott: CalendarCalendarItemChannelsMarriott | Unset
        if isinstance(_marriott, Unset):
            marriott = UNSET
        else:
            marriott = CalendarCalendarItemChannelsMarriott.from_dict(_marriott)

        _ostrovokru = d.pop("ostrovokru", UNSET)
        ostrovokru: CalendarCalendarItemChannelsOstrovokru | Unset
        if isinstance(_ostrovokru, Unset):
            ostrovokru = UNSET
        else:
            ostrovokru = CalendarCalendarItemChannelsOstrovokru.from_dict(_ostrovokru)

        _ota = d.pop("ota", UNSET)
        ota: CalendarCalendarItemChannelsOta | Unset
        if isinstance(_ota, Unset):
            ota = UNSET
        else:
            ota = CalendarCalendarItemChannelsOta.from_dict(_ota)

        _reserva = d.pop("reserva", UNSET)
        reserva: CalendarCalendarItemChannelsReserva | Unset
        if isinstance(_reserva, Unset):
            reserva = UNSET
        else:
            reserva = CalendarCalendarItemChannelsReserva.from_dict(_reserva)

        _tiket = d.pop("tiket", UNSET)
        tiket: CalendarCalendarItemChannelsTiket | Unset
        if isinstance(_tiket, Unset):
            tiket = UNSET
        else:
            tiket = CalendarCalendarItemChannelsTiket.from_dict(_tiket)

        _tomastravel = d.pop("tomastravel", UNSET)
        tomastravel: CalendarCalendarItemChannelsTomastravel | Unset
        if isinstance(_tomastravel, Unset):
            tomastravel = UNSET
        else:
            tomastravel = CalendarCalendarItemChannelsTomastravel.from_dict(
                _tomastravel
            )

        _traveloka = d.pop("traveloka", UNSET)
        traveloka: CalendarCalendarItemChannelsTraveloka | Unset
        if isinstance(_traveloka, Unset):
            traveloka = UNSET
        else:
            traveloka = CalendarCalendarItemChannelsTraveloka.from_dict(_traveloka)

        _travia = d.pop("travia", UNSET)
        travia: CalendarCalendarItemChannelsTravia | Unset
        if isinstance(_travia, Unset):
            travia = UNSET
        else:
            travia = CalendarCalendarItemChannelsTravia.from_dict(_travia)

        _traum = d.pop("traum", UNSET)
        traum: CalendarCalendarItemChannelsTraum | Unset
        if isinstance(_traum, Unset):
            traum = UNSET
        else:
            traum = CalendarCalendarItemChannelsTraum.from_dict(_traum)

        _trip = d.pop("trip", UNSET)
        trip: CalendarCalendarItemChannelsTrip | Unset
        if isinstance(_trip, Unset):
            trip = UNSET
        else:
            trip = CalendarCalendarItemChannelsTrip.from_dict(_trip)

        _tripadvisorrentals = d.pop("tripadvisorrentals", UNSET)
        tripadvisorrentals: CalendarCalendarItemChannelsTripadvisorrentals | Unset
        if isinstance(_tripadvisorrentals, Unset):
            tripadvisorrentals = UNSET
        else:
            tripadvisorrentals = (
                CalendarCalendarItemChannelsTripadvisorrentals.from_dict(
                    _tripadvisorrentals
                )
            )

        _vacationstay = d.pop("vacationstay", UNSET)
        vacationstay: CalendarCalendarItemChannelsVacationstay | Unset
        if isinstance(_vacationstay, Unset):
            vacationstay = UNSET
        else:
            vacationstay = CalendarCalendarItemChannelsVacationstay.from_dict(
                _vacationstay
            )

        _vrbo = d.pop("vrbo", UNSET)
        vrbo: CalendarCalendarItemChannelsVrbo | Unset
        if isinstance(_vrbo, Unset):
            vrbo = UNSET
        else:
            vrbo = CalendarCalendarItemChannelsVrbo.from_dict(_vrbo)

        calendar_calendar_item_channels = cls(
            agoda=agoda,
            airbnb=airbnb,
            asiatravel=asiatravel,
            atraveode=atraveode,
            booking=booking,
            despegar=despegar,
            edreamsodigeo=edreamsodigeo,
            expedia=expedia,
            feratel=feratel,
            goibibo=goibibo,
            hometogo=hometogo,
            hostelworld=hostelworld,
            hotelbeds=hotelbeds,
            hrs=hrs,
            jomres=jomres,
            marriott=marriott,
            ostrovokru=ostrovokru,
            ota=ota,
            reserva=reserva,
            tiket=tiket,
            tomastravel=tomastravel,
            traveloka=traveloka,
            travia=travia,
            traum=traum,
            trip=trip,
            tripadvisorrentals=tripadvisorrentals,
            vacationstay=vacationstay,
            vrbo=vrbo,
        )

        calendar_calendar_item_channels.additional_properties = d
        return calendar_calendar_item_channels

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
