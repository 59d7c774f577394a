from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountUsageChannelLinks")


@_attrs_define
class AccountUsageChannelLinks:
    """Channels with no active links will not be shown here

    Attributes:
        agoda (int | Unset):
        airbnb (int | Unset):
        airbnbical (int | Unset):
        atraveode (int | Unset):
        bedandbreakfasteu (int | Unset):
        bedandbreakfastnl (int | Unset):
        bookitconz (int | Unset):
        bookeasycomau (int | Unset):
        booking (int | Unset):
        despegar (int | Unset):
        edreamsodigeo (int | Unset):
        expedia (int | Unset):
        feratel (int | Unset):
        flipkey (int | Unset):
        goibibo (int | Unset):
        googlecal (int | Unset):
        googleads (int | Unset):
        holidaylettingscouk (int | Unset):
        hometogo (int | Unset):
        hostelinternational (int | Unset):
        hostelsclub (int | Unset):
        hostelworld (int | Unset):
        hotelbeds (int | Unset):
        housetripcom (int | Unset):
        hrs (int | Unset):
        icalimport1 (int | Unset):
        icalimport2 (int | Unset):
        icalimport3 (int | Unset):
        jomres (int | Unset):
        lastminute (int | Unset):
        marriott (int | Unset):
        nzaa (int | Unset):
        ostrovokru (int | Unset):
        ota (int | Unset):
        reserva (int | Unset):
        rezintelnet (int | Unset):
        tablethotels (int | Unset):
        tiket (int | Unset):
        tomastravel (int | Unset):
        traumferienwohnungen (int | Unset):
        traveloka (int | Unset):
        travia (int | Unset):
        trip (int | Unset):
        tripconnect (int | Unset):
        tripadvisorrentals (int | Unset):
        trivagocom (int | Unset):
        vacationstay (int | Unset):
        visitscotlandcom (int | Unset):
        vrbo (int | Unset):
        vrboical (int | Unset):
        webroomsconz (int | Unset):
        apiarrivals (int | Unset):
        apipos (int | Unset):
        beyond (int | Unset):
        chekin (int | Unset):
        feratelmeldeclient (int | Unset):
        icalexport (int | Unset):
        kashflow (int | Unset):
        mailchimp (int | Unset):
        make (int | Unset):
        nuki (int | Unset):
        poster (int | Unset):
        prearrivaltool (int | Unset):
        pricelabs (int | Unset):
        pronto (int | Unset):
        remotelock (int | Unset):
        roompricegenie (int | Unset):
        sevdesk (int | Unset):
        ttlock (int | Unset):
        webhookinventory (int | Unset):
        xero (int | Unset):
        zettle (int | Unset):
    """

    agoda: int | Unset = UNSET
    airbnb: int | Unset = UNSET
    airbnbical: int | Unset = UNSET
    atraveode: int | Unset = UNSET
    bedandbreakfasteu: int | Unset = UNSET
    bedandbreakfastnl: int | Unset = UNSET
    bookitconz: int | Unset = UNSET
    bookeasycomau: int | Unset = UNSET
    booking: int | Unset = UNSET
    despegar: int | Unset = UNSET
    edreamsodigeo: int | Unset = UNSET
    expedia: int | Unset = UNSET
    feratel: int | Unset = UNSET
    flipkey: int | Unset = UNSET
    goibibo: int | Unset = UNSET
    googlecal: int | Unset = UNSET
    googleads: int | Unset = UNSET
    holidaylettingscouk: int | Unset = UNSET
    hometogo: int | Unset = UNSET
    hostelinternational: int | Unset = UNSET
    hostelsclub: int | Unset = UNSET
    hostelworld: int | Unset = UNSET
    hotelbeds: int | Unset = UNSET
    housetripcom: int | Unset = UNSET
    hrs: int | Unset = UNSET
    icalimport1: int | Unset = UNSET
    icalimport2: int | Unset = UNSET
    icalimport3: int | Unset = UNSET
    jomres: int | Unset = UNSET
    lastminute: int | Unset = UNSET
    marriott: int | Unset = UNSET
    nzaa: int | Unset = UNSET
    ostrovokru: int | Unset = UNSET
    ota: int | Unset = UNSET
    reserva: int | Unset = UNSET
    rezintelnet: int | Unset = UNSET
    tablethotels: int | Unset = UNSET
    tiket: int | Unset = UNSET
    tomastravel: int | Unset = UNSET
    traumferienwohnungen: int | Unset = UNSET
    traveloka: int | Unset = UNSET
    travia: int | Unset = UNSET
    trip: int | Unset = UNSET
    tripconnect: int | Unset = UNSET
    tripadvisorrentals: int | Unset = UNSET
    trivagocom: int | Unset = UNSET
    vacationstay: int | Unset = UNSET
    visitscotlandcom: int | Unset = UNSET
    vrbo: int | Unset = UNSET
    vrboical: int | Unset = UNSET
    webroomsconz: int | Unset = UNSET
    apiarrivals: int | Unset = UNSET
    apipos: int | Unset = UNSET
    beyond: int | Unset = UNSET
    chekin: int | Unset = UNSET
    feratelmeldeclient: int | Unset = UNSET
    icalexport: int | Unset = UNSET
    kashflow: int | Unset = UNSET
    mailchimp: int | Unset = UNSET
    make: int | Unset = UNSET
    nuki: int | Unset = UNSET
    poster: int | Unset = UNSET
    prearrivaltool: int | Unset = UNSET
    pricelabs: int | Unset = UNSET
    pronto: int | Unset = UNSET
    remotelock: int | Unset = UNSET
    roompricegenie: int | Unset = UNSET
    sevdesk: int | Unset = UNSET
    ttlock: int | Unset = UNSET
    webhookinventory: int | Unset = UNSET
    xero: int | Unset = UNSET
    zettle: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agoda = self.agoda

        airbnb = self.airbnb

        airbnbical = self.airbnbical

        atraveode = self.atraveode

        bedandbreakfasteu = self.bedandbreakfasteu

        bedandbreakfastnl = self.bedandbreakfastnl

        bookitconz = self.bookitconz

        bookeasycomau = self.bookeasycomau

        booking = self.booking

        despegar = self.despegar

        edreamsodigeo = self.edreamsodigeo

        expedia = self.expedia

        feratel = self.feratel

        flipkey = self.flipkey

        goibibo = self.goibibo

        googlecal = self.googlecal

        googleads = self.googleads

        holidaylettingscouk = self.holidaylettingscouk

        hometogo = self.hometogo

        hostelinternational = self.hostelinternational

        hostelsclub = self.hostelsclub

        hostelworld = self.hostelworld

        hotelbeds = self.hotelbeds

        housetripcom = self.housetripcom

        hrs = self.hrs

        icalimport1 = self.icalimport1

        icalimport2 = self.icalimport2

        icalimport3 = self.icalimport3

        jomres = self.jomres

        lastminute = self.lastminute

        marriott = self.marriott

        nzaa = self.nzaa

        ostrovokru = self.ostrovokru

        ota = self.ota

        reserva = self.reserva

        rezintelnet = self.rezintelnet

        tablethotels = self.tablethotels

        tiket = self.tiket

        tomastravel = self.tomastravel

        traumferienwohnungen = self.traumferienwohnungen

        traveloka = self.traveloka

        travia = self.travia

        trip = self.trip

        tripconnect = self.tripconnect

        tripadvisorrentals = self.tripadvisorrentals

        trivagocom = self.trivagocom

        vacationstay = self.vacationstay

        visitscotlandcom = self.visitscotlandcom

        vrbo = self.vrbo

        vrboical = self.vrboical

        webroomsconz = self.webroomsconz

        apiarrivals = self.apiarrivals

        apipos = self.apipos

        beyond = self.beyond

        chekin = self.chekin

        feratelmeldeclient = self.feratelmeldeclient

        icalexport = self.icalexport

        kashflow = self.kashflow

        mailchimp = self.mailchimp

        make = self.make

        nuki = self.nuki

        poster = self.poster

        prearrivaltool = self.prearrivaltool

        pricelabs = self.pricelabs

        pronto = self.pronto

        remotelock = self.remotelock

        roompricegenie = self.roompricegenie

        sevdesk = self.sevdesk

        ttlock = self.ttlock

        webhookinventory = self.webhookinventory

        xero = self.xero

        zettle = self.zettle

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agoda is not UNSET:
            field_dict["agoda"] = agoda
        if airbnb is not UNSET:
            field_dict["airbnb"] = airbnb
        if airbnbical is not UNSET:
            field_dict["airbnbical"] = airbnbical
        if atraveode is not UNSET:
            field_dict["atraveode"] = atraveode
        if bedandbreakfasteu is not UNSET:
            field_dict["bedandbreakfasteu"] = bedandbreakfasteu
        if bedandbreakfastnl is not UNSET:
            field_dict["bedandbreakfastnl"] = bedandbreakfastnl
        if bookitconz is not UNSET:
            field_dict["bookitconz"] = bookitconz
        if bookeasycomau is not UNSET:
            field_dict["bookeasycomau"] = bookeasycomau
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
        if flipkey is not UNSET:
            field_dict["flipkey"] = flipkey
        if goibibo is not UNSET:
            field_dict["goibibo"] = goibibo
        if googlecal is not UNSET:
            field_dict["googlecal"] = googlecal
        if googleads is not UNSET:
            field_dict["googleads"] = googleads
        if holidaylettingscouk is not UNSET:
            field_dict["holidaylettingscouk"] = holidaylettingscouk
        if hometogo is not UNSET:
            field_dict["hometogo"] = hometogo
        if hostelinternational is not UNSET:
            field_dict["hostelinternational"] = hostelinternational
        if hostelsclub is not UNSET:
            field_dict["hostelsclub"] = hostelsclub
        if hostelworld is not UNSET:
            field_dict["hostelworld"] = hostelworld
        if hotelbeds is not UNSET:
            field_dict["hotelbeds"] = hotelbeds
        if housetripcom is not UNSET:
            field_dict["housetripcom"] = housetripcom
        if hrs is not UNSET:
            field_dict["hrs"] = hrs
        if icalimport1 is not UNSET:
            field_dict["icalimport1"] = icalimport1
        if icalimport2 is not UNSET:
            field_dict["icalimport2"] = icalimport2
        if icalimport3 is not UNSET:
            field_dict["icalimport3"] = icalimport3
        if jomres is not UNSET:
            field_dict["jomres"] = jomres
        if lastminute is not UNSET:
            field_dict["lastminute"] = lastminute
        if marriott is not UNSET:
            field_dict["marriott"] = marriott
        if nzaa is not UNSET:
            field_dict["nzaa"] = nzaa
        if ostrovokru is not UNSET:
            field_dict["ostrovokru"] = ostrovokru
        if ota is not UNSET:
            field_dict["ota"] = ota
        if reserva is not UNSET:
            field_dict["reserva"] = reserva
        if rezintelnet is not UNSET:
            field_dict["rezintelnet"] = rezintelnet
        if tablethotels is not UNSET:
            field_dict["tablethotels"] = tablethotels
        if tiket is not UNSET:
            field_dict["tiket"] = tiket
        if tomastravel is not UNSET:
            field_dict["tomastravel"] = tomastravel
        if traumferienwohnungen is not UNSET:
            field_dict["traumferienwohnungen"] = traumferienwohnungen
        if traveloka is not UNSET:
            field_dict["traveloka"] = traveloka
        if travia is not UNSET:
            field_dict["travia"] = travia
        if trip is not UNSET:
            field_dict["trip"] = trip
        if tripconnect is not UNSET:
            field_dict["tripconnect"] = tripconnect
        if tripadvisorrentals is not UNSET:
            field_dict["tripadvisorrentals"] = tripadvisorrentals
        if trivagocom is not UNSET:
            field_dict["trivagocom"] = trivagocom
        if vacationstay is not UNSET:
            field_dict["vacationstay"] = vacationstay
        if visitscotlandcom is not UNSET:
            field_dict["visitscotlandcom"] = visitscotlandcom
        if vrbo is not UNSET:
            field_dict["vrbo"] = vrbo
        if vrboical is not UNSET:
            field_dict["vrboical"] = vrboical
        if webroomsconz is not UNSET:
            field_dict["webroomsconz"] = webroomsconz
        if apiarrivals is not UNSET:
            field_dict["apiarrivals"] = apiarrivals
        if apipos is not UNSET:
            field_dict["apipos"] = apipos
        if beyond is not UNSET:
            field_dict["beyond"] = beyond
        if chekin is not UNSET:
            field_dict["chekin"] = chekin
        if feratelmeldeclient is not UNSET:
            field_dict["feratelmeldeclient"] = feratelmeldeclient
        if icalexport is not UNSET:
            field_dict["icalexport"] = icalexport
        if kashflow is not UNSET:
            field_dict["kashflow"] = kashflow
        if mailchimp is not UNSET:
            field_dict["mailchimp"] = mailchimp
        if make is not UNSET:
            field_dict["make"] = make
        if nuki is not UNSET:
            field_dict["nuki"] = nuki
        if poster is not UNSET:
            field_dict["poster"] = poster
        if prearrivaltool is not UNSET:
            field_dict["prearrivaltool"] = prearrivaltool
        if pricelabs is not UNSET:
            field_dict["pricelabs"] = pricelabs
        if pronto is not UNSET:
            field_dict["pronto"] = pronto
        if remotelock is not UNSET:
            field_dict["remotelock"] = remotelock
        if roompricegenie is not UNSET:
            field_dict["roompricegenie"] = roompricegenie
        if sevdesk is not UNSET:
            field_dict["sevdesk"] = sevdesk
        if ttlock is not UNSET:
            field_dict["ttlock"] = ttlock
        if webhookinventory is not UNSET:
            field_dict["webhookinventory"] = webhookinventory
        if xero is not UNSET:
            field_dict["xero"] = xero
        if zettle is not UNSET:
            field_dict["zettle"] = zettle

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agoda = d.pop("agoda", UNSET)

        airbnb = d.pop("airbnb", UNSET)

        airbnbical = d.pop("airbnbical", UNSET)

        atraveode = d.pop("atraveode", UNSET)

        bedandbreakfasteu = d.pop("bedandbreakfasteu", UNSET)

        bedandbreakfastnl = d.pop("bedandbreakfastnl", UNSET)

        bookitconz = d.pop("bookitconz", UNSET)

        bookeasycomau = d.pop("bookeasycomau", UNSET)

        booking = d.pop("booking", UNSET)

        despegar = d.pop("despegar", UNSET)

        edreamsodigeo = d.pop("edreamsodigeo", UNSET)

        expedia = d.pop("expedia", UNSET)

        feratel = d.pop("feratel", UNSET)

        flipkey = d.pop("flipkey", UNSET)

        goibibo = d.pop("goibibo", UNSET)

        googlecal = d.pop("googlecal", UNSET)

        googleads = d.pop("googleads", UNSET)

        holidaylettingscouk = d.pop("holidaylettingscouk", UNSET)

        hometogo = d.pop("hometogo", UNSET)

        hostelinternational = d.pop("hostelinternational", UNSET)

        hostelsclub = d.pop("hostelsclub", UNSET)

        hostelworld = d.pop("hostelworld", UNSET)

        hotelbeds = d.pop("hotelbeds", UNSET)

        housetripcom = d.pop("housetripcom", UNSET)

        hrs = d.pop("hrs", UNSET)

        icalimport1 = d.pop("icalimport1", UNSET)

        icalimport2 = d.pop("icalimport2", UNSET)

        icalimport3 = d.pop("icalimport3", UNSET)

        jomres = d.pop("jomres", UNSET)

        lastminute = d.pop("lastminute", UNSET)

        marriott = d.pop("marriott", UNSET)

        nzaa = d.pop("nzaa", UNSET)

        ostrovokru = d.pop("ostrovokru", UNSET)

        ota = d.pop("ota", UNSET)

        reserva = d.pop("reserva", UNSET)

        rezintelnet = d.pop("rezintelnet", UNSET)

        tablethotels = d.pop("tablethotels", UNSET)

        tiket = d.pop("tiket", UNSET)

        tomastravel = d.pop("tomastravel", UNSET)

        traumferienwohnungen = d.pop("traumferienwohnungen", UNSET)

        traveloka = d.pop("traveloka", UNSET)

        travia = d.pop("travia", UNSET)

        trip = d.pop("trip", UNSET)

        tripconnect = d.pop("tripconnect", UNSET)

        tripadvisorrentals = d.pop("tripadvisorrentals", UNSET)

        trivagocom = d.pop("trivagocom", UNSET)

        vacationstay = d.pop("vacationstay", UNSET)

        visitscotlandcom = d.pop("visitscotlandcom", UNSET)

        vrbo = d.pop("vrbo", UNSET)

        vrboical = d.pop("vrboical", UNSET)

        webroomsconz = d.pop("webroomsconz", UNSET)

        apiarrivals = d.pop("apiarrivals", UNSET)

        apipos = d.pop("apipos", UNSET)

        beyond = d.pop("beyond", UNSET)

        chekin = d.pop("chekin", UNSET)

        feratelmeldeclient = d.pop("feratelmeldeclient", UNSET)

        icalexport = d.pop("icalexport", UNSET)

        kashflow = d.pop("kashflow", UNSET)

        mailchimp = d.pop("mailchimp", UNSET)

        make = d.pop("make", UNSET)

        nuki = d.pop("nuki", UNSET)

        poster = d.pop("poster", UNSET)

        prearrivaltool = d.pop("prearrivaltool", UNSET)

        pricelabs = d.pop("pricelabs", UNSET)

        pronto = d.pop("pronto", UNSET)

        remotelock = d.pop("remotelock", UNSET)

        roompricegenie = d.pop("roompricegenie", UNSET)

        sevdesk = d.pop("sevdesk", UNSET)

        ttlock = d.pop("ttlock", UNSET)

        webhookinventory = d.pop("webhookinventory", UNSET)

        xero = d.pop("xero", UNSET)

        zettle = d.pop("zettle", UNSET)

        account_usage_channel_links = cls(
            agoda=agoda,
            airbnb=airbnb,
            airbnbical=airbnbical,
            atraveode=atraveode,
            bedandbreakfasteu=bedandbreakfasteu,
            bedandbreakfastnl=bedandbreakfastnl,
            bookitconz=bookitconz,
            bookeasycomau=bookeasycomau,
            booking=booking,
            despegar=despegar,
            edreamsodigeo=edreamsodigeo,
            expedia=expedia,
            feratel=feratel,
            flipkey=flipkey,
            goibibo=goibibo,
            googlecal=googlecal,
            googleads=googleads,
            holidaylettingscouk=holidaylettingscouk,
            hometogo=hometogo,
            hostelinternational=hostelinternational,
            hostelsclub=hostelsclub,
            hostelworld=hostelworld,
            hotelbeds=hotelbeds,
            housetripcom=housetripcom,
            hrs=hrs,
            icalimport1=icalimport1,
            icalimport2=icalimport2,
            icalimport3=icalimport3,
            jomres=jomres,
            lastminute=lastminute,
            marriott=marriott,
            nzaa=nzaa,
            ostrovokru=ostrovokru,
            ota=ota,
            reserva=reserva,
            rezintelnet=rezintelnet,
            tablethotels=tablethotels,
            tiket=tiket,
            tomastravel=tomastravel,
            traumferienwohnungen=traumferienwohnungen,
            traveloka=traveloka,
            travia=travia,
            trip=trip,
            tripconnect=tripconnect,
            tripadvisorrentals=tripadvisorrentals,
            trivagocom=trivagocom,
            vacationstay=vacationstay,
            visitscotlandcom=visitscotlandcom,
            vrbo=vrbo,
            vrboical=vrboical,
            webroomsconz=webroomsconz,
            apiarrivals=apiarrivals,
            apipos=apipos,
            beyond=beyond,
            chekin=chekin,
            feratelmeldeclient=feratelmeldeclient,
            icalexport=icalexport,
            kashflow=kashflow,
            mailchimp=mailchimp,
            make=make,
            nuki=nuki,
            poster=poster,
            prearrivaltool=prearrivaltool,
            pricelabs=pricelabs,
            pronto=pronto,
            remotelock=remotelock,
            roompricegenie=roompricegenie,
            sevdesk=sevdesk,
            ttlock=ttlock,
            webhookinventory=webhookinventory,
            xero=xero,
            zettle=zettle,
        )

        account_usage_channel_links.additional_properties = d
        return account_usage_channel_links

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
